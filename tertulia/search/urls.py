"""The search page."""

from tertulia.search.views import urlpatterns

__all__ = ["urlpatterns"]
