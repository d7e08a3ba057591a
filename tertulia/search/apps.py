from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tertulia.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Each app describes its own documents in `<app>/search_documents.py`
        # (see tertulia.search.registry); importing them registers the sources and
        # connects the signals that keep the index in step.
        autodiscover_modules("search_documents")
