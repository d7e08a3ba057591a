from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from tertulia.core import views as core_views
from tertulia.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("tertulia.accounts.urls")),
    path("forums/", include("tertulia.forums.urls")),
    path("events/", include("tertulia.events.urls")),
    path("dialogues/", include("tertulia.dialogues.urls")),
    path("resources/", include("tertulia.library.urls")),
    path("trainings/", include("tertulia.trainings.urls")),
    path("search/", include("tertulia.search.urls")),
    path("messages/", include("tertulia.messaging.urls")),
    path("notifications/", include("tertulia.notifications.urls")),
    path("newsletter/", include("tertulia.newsletters.urls")),
    path("", include("tertulia.core.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Uploaded files come from object storage or the front server in production.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
