"""Site-wide settings that staff change at run time."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_CACHE_KEY = "core:site-settings"


class SiteSettings(models.Model):
    """The one row of settings for this community (id is always 1)."""

    community_name = models.CharField(_("community name"), max_length=120, default="Tertulia")
    tagline = models.CharField(
        _("tagline"),
        max_length=240,
        blank=True,
        default="",
        help_text=_("One sentence under the name on the home page."),
    )
    members_only = models.BooleanField(
        _("readable by members only"),
        default=False,
        help_text=_(
            "When on, visitors see only the home page and the sign-in and sign-up pages. "
            "Writing always needs an account."
        ),
    )

    first_posts_need_approval = models.BooleanField(
        _("first posts need approval"),
        default=False,
        help_text=_(
            "When on, the first posts of a new member wait in the moderation queue until a "
            "facilitator approves them."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(self.community_name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(_CACHE_KEY)

    @classmethod
    def current(cls) -> SiteSettings:
        """The settings row, cached; created with defaults the first time."""
        settings: SiteSettings | None = cache.get(_CACHE_KEY)
        if settings is None:
            settings, _created = cls.objects.get_or_create(pk=1)
            cache.set(_CACHE_KEY, settings, 60)
        return settings


class Theme(models.Model):
    """A theme of the community's work (e.g. "intersectionality"), managed by facilitators
    and shared by dialogues, resources and trainings. Named in each interface language."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=80)
    name_es = models.CharField(_("name in Spanish"), max_length=80, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=80, blank=True)

    class Meta:
        ordering: ClassVar = ["name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active interface language, else in English."""
        language = get_language() or "en"
        localised = getattr(self, f"name_{language[:2]}", "") or ""
        return str(localised or self.name_en)
