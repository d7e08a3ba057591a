"""The resource library's URLs, gathered from one module per area."""

from tertulia.library.views import browse, review, themes, translations, writing

urlpatterns = [
    *writing.urlpatterns,
    *review.urlpatterns,
    *themes.urlpatterns,
    *translations.urlpatterns,
    # Last: "<resource_id>/<slug>/" would otherwise answer for "<resource_id>/edit/".
    *browse.urlpatterns,
]
