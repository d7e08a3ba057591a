"""Forms for sign-up details, the profile, deactivation, the directory and the language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tertulia.accounts.models import (
    BIO_MAX,
    DISPLAY_NAME_MAX,
    SHORT_TEXT_MAX,
    Member,
    Visibility,
)
from tertulia.core.languages import spoken_language_choices
from tertulia.core.timezones import UTC, zone_choices
from tertulia.core.validators import validate_multiline_text, validate_single_line_text

MAX_EXPERTISE_TAGS = 15
EXPERTISE_TAG_MAX = 60


class DisplayNameField(forms.CharField):
    """A name as the member writes it, in any script, never split in parts."""

    default_error_messages = {  # Django merges this mapping per class
        "required": _("Enter the name you want other members to see."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Display name"))
        kwargs.setdefault(
            "help_text",
            _(
                "Your name as you write it, in any script, "
                "e.g. “栄祥 林” or “Nadège Mamas MAVOUNGOU”."
            ),
        )
        super().__init__(
            max_length=DISPLAY_NAME_MAX,
            validators=[validate_single_line_text],
            strip=True,
            **kwargs,
        )

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "autocomplete": "name"}


# Sent once a sign-up is saved, with the choices on the form that apps above accounts
# keep (`newsletter_opt_out`, stored with the mail settings): accounts may not import
# them, so the newsletters app listens (NewslettersConfig.ready).
signed_up_with_choices = Signal()


class SignupExtraForm(forms.Form):
    """What Tertulia asks at sign-up besides email and password (allauth adds those)."""

    display_name = DisplayNameField()
    # Filled in by static/core/tertulia.js from the browser; UTC without JavaScript.
    time_zone = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    newsletter_opt_out = forms.BooleanField(
        label=_("Do not send me the community newsletter"),
        required=False,
        help_text=_("You can change this at any time in your notification preferences."),
    )
    # allauth's signup form adds email and passwords around these; the opt-out goes last.
    field_order = ["email", "display_name", "password1", "password2", "newsletter_opt_out"]

    def signup(self, request: HttpRequest, user: Member) -> None:
        """AccountAdapter.save_user stored the member's fields; hand on the other choices."""
        signed_up_with_choices.send(
            sender=SignupExtraForm,
            member=user,
            newsletter_opt_out=bool(self.cleaned_data.get("newsletter_opt_out")),
        )


class ProfileForm(forms.Form):
    display_name = DisplayNameField()
    avatar = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, up to 2 MB. It is resized and its metadata removed."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my picture"), required=False)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    city = forms.CharField(
        label=_("City"), required=False, max_length=SHORT_TEXT_MAX,
        validators=[validate_single_line_text],
    )  # fmt: skip
    organisation = forms.CharField(
        label=_("Organisation"), required=False, max_length=SHORT_TEXT_MAX,
        validators=[validate_single_line_text],
    )  # fmt: skip
    job_title = forms.CharField(
        label=_("Job title"), required=False, max_length=SHORT_TEXT_MAX,
        validators=[validate_single_line_text],
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
        error_messages={"invalid_choice": _("Choose languages from the list.")},
    )
    expertise = forms.CharField(
        label=_("Areas of expertise"),
        required=False,
        max_length=MAX_EXPERTISE_TAGS * (EXPERTISE_TAG_MAX + 2),
        validators=[validate_single_line_text],
        help_text=_("Separate them with commas, e.g. “evaluation, care economy”."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
        help_text=_("Event times are shown in this zone."),
    )
    interface_language = forms.ChoiceField(
        label=_("Interface language"), choices=settings.LANGUAGES
    )
    bio = forms.CharField(
        label=_("Short bio"),
        required=False,
        max_length=BIO_MAX,
        validators=[validate_multiline_text],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few lines about your work. You can use Markdown."),
    )
    show_email = forms.BooleanField(
        label=_("Show my email address to signed-in members"), required=False
    )
    profile_visibility = forms.ChoiceField(
        label=_("Who can see my profile"), choices=Visibility.choices
    )
    follows_threads_on_posting = forms.BooleanField(
        label=_("Follow the threads I start or reply to"),
        required=False,
        help_text=_("You can still unfollow any thread from its page."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country_field = self.fields["country"]
        assert isinstance(country_field, forms.ChoiceField)  # noqa: S101  # declared above
        country_field.choices = [("", _("Not given")), *countries]
        languages_field = self.fields["languages"]
        assert isinstance(languages_field, forms.ChoiceField)  # noqa: S101  # declared above
        languages_field.choices = spoken_language_choices()
        zone_field = self.fields["time_zone"]
        assert isinstance(zone_field, forms.ChoiceField)  # noqa: S101  # declared above
        zone_field.choices = zone_choices()

    @staticmethod
    def initial_for(member: Member) -> dict[str, Any]:
        return {
            "display_name": member.display_name,
            "country": member.country.code or "",
            "city": member.city,
            "organisation": member.organisation,
            "job_title": member.job_title,
            "languages": [lang.code for lang in member.languages.all()],
            "expertise": ", ".join(tag.name for tag in member.expertise.all()),
            "time_zone": member.time_zone or UTC,
            "interface_language": member.interface_language,
            "bio": member.bio,
            "show_email": member.show_email,
            "profile_visibility": member.profile_visibility,
            "follows_threads_on_posting": member.follows_threads_on_posting,
        }

    def clean_expertise(self) -> list[str]:
        raw: str = self.cleaned_data["expertise"]
        tags = [" ".join(part.split()) for part in raw.split(",")]
        tags = [tag for tag in tags if tag]
        if len(tags) > MAX_EXPERTISE_TAGS:
            raise forms.ValidationError(
                _("Give at most %(max)d areas of expertise."),
                code="too_many",
                params={"max": MAX_EXPERTISE_TAGS},
            )
        for tag in tags:
            if len(tag) > EXPERTISE_TAG_MAX:
                raise forms.ValidationError(
                    _("Keep each area under %(max)d characters: “%(tag)s…” is longer."),
                    code="too_long",
                    params={"max": EXPERTISE_TAG_MAX, "tag": tag[:20]},
                )
        return tags


class DeactivateForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, member: Member, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=DISPLAY_NAME_MAX)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    expertise = forms.ChoiceField(label=_("Expertise"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(
        self,
        *args: Any,
        countries: list[tuple[str, str]],
        languages: list[tuple[str, str]],
        expertise: list[tuple[str, str]],
        organisations: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        any_choice = ("", _("Any"))
        choices: dict[str, list[tuple[str, str]]] = {
            "country": countries,
            "language": languages,
            "expertise": expertise,
            "organisation": [(o, o) for o in organisations],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
            field.choices = [any_choice, *options]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
