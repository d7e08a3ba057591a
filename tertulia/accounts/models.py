"""Members: the account (email, password, role) and the profile others see."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tertulia.core.languages import language_name, native_name
from tertulia.core.timezones import UTC
from tertulia.core.validators import (
    validate_multiline_text,
    validate_single_line_text,
)

DISPLAY_NAME_MAX = 80
SHORT_TEXT_MAX = 120
BIO_MAX = 4000


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class Visibility(models.TextChoices):
    EVERYONE = "everyone", _("Everyone, including visitors")
    MEMBERS = "members", _("Signed-in members only")


class MemberManager(BaseUserManager["Member"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> Member:
        member = self.model(email=self.normalize_email(email).lower(), **fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> Member:
        fields.update(is_staff=True, is_superuser=True)
        fields.setdefault("display_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


class Expertise(models.Model):
    """An area of expertise members tag themselves with ("evaluation", "care economy")."""

    name = models.CharField(_("name"), max_length=60, validators=[validate_single_line_text])
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")

    def __str__(self) -> str:
        return str(self.name)


class Member(AbstractBaseUser, PermissionsMixin):
    """A person in the community. The display name is kept whole, in any script."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    display_name = models.CharField(
        _("display name"), max_length=DISPLAY_NAME_MAX, validators=[validate_single_line_text]
    )
    # The display name folded to lower case without accents, for the directory search.
    search_name = models.CharField(max_length=DISPLAY_NAME_MAX * 2, db_index=True, editable=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("Staff can use the administration site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)

    country = CountryField(_("country"), blank=True)
    city = models.CharField(
        _("city"), max_length=SHORT_TEXT_MAX, blank=True, validators=[validate_single_line_text]
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=SHORT_TEXT_MAX,
        blank=True,
        validators=[validate_single_line_text],
    )
    job_title = models.CharField(
        _("job title"),
        max_length=SHORT_TEXT_MAX,
        blank=True,
        validators=[validate_single_line_text],
    )
    expertise = models.ManyToManyField(
        Expertise, blank=True, related_name="members", verbose_name=_("areas of expertise")
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=UTC)
    interface_language = models.CharField(
        _("interface language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    bio = models.TextField(
        _("short bio"), max_length=BIO_MAX, blank=True, validators=[validate_multiline_text]
    )
    bio_html = models.TextField(blank=True, editable=False)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    show_email = models.BooleanField(_("show my email address to other members"), default=False)
    follows_threads_on_posting = models.BooleanField(
        _("follow the threads I start or reply to"), default=True
    )
    profile_visibility = models.CharField(
        _("who can see my profile"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.EVERYONE,
    )
    # The header's badges, kept on the row the request already loads so that showing
    # them costs no query. Recounted (not incremented) in the transaction of every
    # change: by notifications for notifications, by messaging for conversations.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    unread_conversations = models.PositiveIntegerField(default=0, editable=False)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering: ClassVar = ["search_name", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(Lower("email"), name="member_email_ci_unique"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["country"]),
            models.Index(fields=["organisation"]),
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    def get_full_name(self) -> str:
        return str(self.display_name)

    def get_short_name(self) -> str:
        return str(self.display_name)

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and (self.role == Role.FACILITATOR or self.is_staff)


class MemberLanguage(models.Model):
    """A language a member speaks (ISO 639-1 code)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering: ClassVar = ["code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["member", "code"], name="member_language_unique"),
        ]
        indexes: ClassVar = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return str(self.code)

    @property
    def name(self) -> str:
        return language_name(self.code)

    @property
    def native_name(self) -> str:
        return native_name(self.code)
