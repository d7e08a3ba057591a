"""Dialogue pages, gathered from one module per area."""

from tertulia.dialogues.views import manage, pages, proceedings

urlpatterns = [
    *pages.urlpatterns,
    *manage.urlpatterns,
    *proceedings.urlpatterns,
    *pages.detail_urlpatterns,
]
