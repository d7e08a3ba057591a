"""Digest pages, included by the newsletters app's URLs."""

from django.urls import path

from tertulia.newsletters.digests import views

urlpatterns = [
    path(
        "digests/unsubscribe/<str:token>/",
        views.digest_unsubscribe,
        name="digest-unsubscribe",
    ),
]
