"""Newsletter pages, under /newsletter/: the archive, the facilitators' pages, opt-out,
and the digests' one-click unsubscribe."""

from tertulia.newsletters.digests import urls as digest_urls
from tertulia.newsletters.views import archive, manage, unsubscribe

urlpatterns = [
    *manage.urlpatterns,
    *unsubscribe.urlpatterns,
    *digest_urls.urlpatterns,
    *archive.urlpatterns,
]
