"""The trainings pages' URLs, gathered from one module per area."""

from tertulia.trainings.views import browse, discussion, review, suggest

urlpatterns = [
    *browse.urlpatterns,
    *suggest.urlpatterns,
    *review.urlpatterns,
    *discussion.urlpatterns,
    # Last: "<training_id>/<slug>/" would otherwise shadow "<training_id>/edit/".
    *browse.detail_urlpatterns,
]
