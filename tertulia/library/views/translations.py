"""Translations of a resource's title and description: reading them, adding, changing
and deleting a member's translation, and correcting the description's language.

Plain forms, POST and redirect; everything works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from tertulia.accounts.models import Member
from tertulia.core.languages import language_name
from tertulia.forums.languages import content_language_choices
from tertulia.library import permissions
from tertulia.library.models import DESCRIPTION_MAX, TITLE_MAX
from tertulia.library.queries import translations as queries
from tertulia.library.services import translations as services


def _language_field(label: StrOrPromise) -> forms.CharField:
    # A plain text field with a list to choose from: the service explains a wrong choice.
    return forms.CharField(label=label, required=False, widget=forms.Select)


class ServiceErrorsForm(forms.Form):
    def add_service_errors(self, error: ValidationError) -> None:
        """The service's messages, each at the field it names."""
        if hasattr(error, "error_dict"):
            for field, problems in error.error_dict.items():
                self.add_error(field if field in self.fields else None, problems)
        else:
            self.add_error(None, error)


class TranslationTextsForm(ServiceErrorsForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        strip=False,
        help_text=gettext_lazy(
            "Translate the whole description. Markdown works: **bold**, *italic*, "
            "[links](https://example.org), lists."
        ),
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": DESCRIPTION_MAX}),
    )

    def set_text_language(self, language: str) -> None:
        for name in ("title", "description"):
            self.fields[name].widget.attrs["lang"] = language


class TranslationForm(TranslationTextsForm):
    language = _language_field(gettext_lazy("Language of the translation"))
    field_order = ("language", "title", "description")

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        """`languages`: those the resource may still be translated into, as (code, name)."""
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = [("", _("Choose a language")), *languages]


class ResourceLanguageForm(ServiceErrorsForm):
    language = _language_field(gettext_lazy("Title and description written in"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = content_language_choices()


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def _translations_url(resource_id: int, language: str) -> str:
    url = reverse("resource-translations", kwargs={"resource_id": resource_id})
    return f"{url}?lang={language}"


def _translations_page(
    request: HttpRequest,
    data: queries.ResourceTranslations,
    *,
    language_form: ResourceLanguageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if language_form is None and data.can_set_language:
        language_form = ResourceLanguageForm(
            initial={"language": data.resource.description_language}
        )
    return render(
        request,
        "library/resource_translations.html",
        {
            "data": data,
            "r": data.resource,
            "translation": data.translation,
            "language_form": language_form,
        },
        status=status,
    )


def resource_translations(request: HttpRequest, resource_id: int) -> HttpResponse:
    """The title and description in the language asked for (?lang=), and the translations."""
    data = queries.resource_translations(request.user, resource_id, request.GET.get("lang", "")[:8])
    return _translations_page(request, data)


@login_required
def new_resource_translation(request: HttpRequest, resource_id: int) -> HttpResponse:
    member = _member(request)
    data = queries.resource_translations(member, resource_id, "")
    resource = data.resource
    permissions.check_translate_resource(member, resource)
    initial = {"language": request.GET.get("lang", "")[:8]}
    form = TranslationForm(request.POST or None, initial=initial, languages=data.untranslated)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.add_resource_translation(
                member,
                resource,
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            status = 403
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Thank you: your translation into %(language)s is published.")
                % {"language": language_name(translation.language)},
            )
            return redirect(_translations_url(resource.pk, translation.language))
    return render(
        request,
        "library/resource_translation_form.html",
        {
            "r": resource,
            "form": form,
            "translation": None,
            "translations": data.translations,
            "languages_left": bool(data.untranslated),
        },
        status=status,
    )


@login_required
def edit_resource_translation(
    request: HttpRequest, resource_id: int, language: str
) -> HttpResponse:
    member = _member(request)
    translation = queries.translation_to_change(member, resource_id, language)
    permissions.check_change_translation(member, translation)
    form = TranslationTextsForm(
        request.POST or None,
        initial={"title": translation.title, "description": translation.description},
    )
    form.set_text_language(translation.language)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_resource_translation(
                member,
                translation,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            status = 403
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your changes to the translation are saved."))
            return redirect(_translations_url(resource_id, translation.language))
    return render(
        request,
        "library/resource_translation_form.html",
        {
            "r": translation.resource,
            "form": form,
            "translation": translation,
            "languages_left": True,
        },
        status=status,
    )


@login_required
def delete_resource_translation(
    request: HttpRequest, resource_id: int, language: str
) -> HttpResponse:
    """Ask first (GET), then delete the translation (POST with confirm)."""
    member = _member(request)
    translation = queries.translation_to_change(member, resource_id, language)
    permissions.check_change_translation(member, translation)
    if request.method == "POST" and request.POST.get("confirm"):
        services.delete_resource_translation(member, translation)
        messages.success(request, _("The translation is deleted."))
        return redirect(_translations_url(resource_id, translation.resource.description_language))
    return render(
        request,
        "library/resource_translation_delete.html",
        {"r": translation.resource, "translation": translation},
    )


@login_required
@require_POST
def set_resource_language(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Correct the language the resource's title and description are written in."""
    member = _member(request)
    resource = queries.resource_to_translate(member, resource_id)
    if not permissions.can_set_resource_language(member, resource):
        raise PermissionDenied(_("Only facilitators can change a reviewed resource."))
    form = ResourceLanguageForm(request.POST)
    if form.is_valid():
        try:
            services.set_resource_language(member, resource, form.cleaned_data["language"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("The resource is now marked as described in %(language)s.")
                % {"language": language_name(resource.description_language)},
            )
            return redirect(_translations_url(resource.pk, resource.description_language))
    data = queries.resource_translations(member, resource_id, "")
    return _translations_page(request, data, language_form=form, status=400)


# Before the resource's own page in urls.py: "<resource_id>/<slug>/" would answer for
# "<resource_id>/translations/".
urlpatterns = [
    path(
        "<int:resource_id>/translations/",
        resource_translations,
        name="resource-translations",
    ),
    path(
        "<int:resource_id>/translations/new/",
        new_resource_translation,
        name="resource-translation-new",
    ),
    path(
        "<int:resource_id>/translations/<str:language>/edit/",
        edit_resource_translation,
        name="resource-translation-edit",
    ),
    path(
        "<int:resource_id>/translations/<str:language>/delete/",
        delete_resource_translation,
        name="resource-translation-delete",
    ),
    path(
        "<int:resource_id>/translations/language/",
        set_resource_language,
        name="resource-language",
    ),
]
