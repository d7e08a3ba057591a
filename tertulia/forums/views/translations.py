"""Translations of posts: reading a post in another language, adding, changing and
deleting a member's translation, and correcting the language of the original.

Plain forms, POST and redirect; they work without JavaScript. With htmx, the language
links of a post swap its text in place (the same page answers with the text alone).
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
from tertulia.forums import permissions
from tertulia.forums.languages import content_language_choices
from tertulia.forums.queries import translations as queries
from tertulia.forums.queries.post_access import has_posted_in
from tertulia.forums.services import translations as services

BODY_HELP = gettext_lazy(
    "Translate the whole post, as faithfully as you can. Markdown works: **bold**, "
    "*italic*, [links](https://example.org), lists and > quotes."
)


def _language_field(label: StrOrPromise) -> forms.CharField:
    # A plain text field with a list to choose from: the service explains a wrong choice.
    return forms.CharField(label=label, required=False, widget=forms.Select)


def _body_field() -> forms.CharField:
    return forms.CharField(
        label=gettext_lazy("Text of the translation"),
        required=False,
        strip=False,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 12, "maxlength": services.TRANSLATION_MAX}),
    )


class ServiceErrorsForm(forms.Form):
    def add_service_errors(self, error: ValidationError) -> None:
        """The service's messages, each at the field it names."""
        if hasattr(error, "error_dict"):
            for field, problems in error.error_dict.items():
                self.add_error(field if field in self.fields else None, problems)
        else:
            self.add_error(None, error)


class TranslationForm(ServiceErrorsForm):
    language = _language_field(gettext_lazy("Language of the translation"))
    body = _body_field()

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        """`languages`: those the post may still be translated into, as (code, name)."""
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = [("", _("Choose a language")), *languages]


class EditTranslationForm(ServiceErrorsForm):
    body = _body_field()

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["lang"] = language


class PostLanguageForm(ServiceErrorsForm):
    language = _language_field(gettext_lazy("Written in"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = content_language_choices()


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def _translations_url(post_id: int, language: str) -> str:
    return f"{reverse('post-translations', kwargs={'post_id': post_id})}?lang={language}"


def _translations_page(
    request: HttpRequest,
    data: queries.PostTranslations,
    *,
    language_form: PostLanguageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if language_form is None and data.can_set_language:
        language_form = PostLanguageForm(initial={"language": data.post.language})
    return render(
        request,
        "forums/post_translations.html",
        {
            "data": data,
            "post": data.post,
            "thread": data.post.thread,
            "translations": data.translations,
            "translation": data.translation,
            "language_form": language_form,
        },
        status=status,
    )


def post_translations(request: HttpRequest, post_id: int) -> HttpResponse:
    """The post in the language asked for (?lang=), with its switch and translations."""
    data = queries.post_translations(request.user, post_id, request.GET.get("lang", "")[:8])
    if request.headers.get("HX-Request"):
        return render(
            request,
            "forums/_post_text.html",
            {"post": data.post, "translations": data.translations, "translation": data.translation},
        )
    return _translations_page(request, data)


@login_required
def new_post_translation(request: HttpRequest, post_id: int) -> HttpResponse:
    member = _member(request)
    data = queries.post_translations(member, post_id, "")
    post = data.post
    permissions.check_translate_post(
        member, post, has_posted_in_thread=has_posted_in(member, post.thread)
    )
    initial = {"language": request.GET.get("lang", "")[:8]}
    form = TranslationForm(request.POST or None, initial=initial, languages=data.untranslated)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.add_post_translation(
                member, post, language=form.cleaned_data["language"], body=form.cleaned_data["body"]
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
            return redirect(_translations_url(post.pk, translation.language))
    return render(
        request,
        "forums/post_translation_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "translation": None,
            "translations": data.translations,
            "languages_left": bool(data.untranslated),
        },
        status=status,
    )


@login_required
def edit_post_translation(request: HttpRequest, post_id: int, language: str) -> HttpResponse:
    member = _member(request)
    translation = queries.translation_to_change(member, post_id, language)
    permissions.check_change_translation(member, translation)
    form = EditTranslationForm(
        request.POST or None, initial={"body": translation.body}, language=translation.language
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post_translation(member, translation, body=form.cleaned_data["body"])
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            status = 403
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your changes to the translation are saved."))
            return redirect(_translations_url(post_id, translation.language))
    post = translation.post
    return render(
        request,
        "forums/post_translation_form.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "translation": translation,
            "languages_left": True,
        },
        status=status,
    )


@login_required
def delete_post_translation(request: HttpRequest, post_id: int, language: str) -> HttpResponse:
    """Ask first (GET), then delete the translation (POST with confirm)."""
    member = _member(request)
    translation = queries.translation_to_change(member, post_id, language)
    permissions.check_change_translation(member, translation)
    if request.method == "POST" and request.POST.get("confirm"):
        services.delete_post_translation(member, translation)
        messages.success(request, _("The translation is deleted."))
        return redirect(_translations_url(post_id, translation.post.language))
    post = translation.post
    return render(
        request,
        "forums/post_translation_delete.html",
        {"post": post, "thread": post.thread, "translation": translation},
    )


@login_required
@require_POST
def set_post_language(request: HttpRequest, post_id: int) -> HttpResponse:
    """Correct the language the post is said to be written in."""
    member = _member(request)
    post = queries.post_to_translate(member, post_id)
    permissions.check_set_post_language(member, post)
    form = PostLanguageForm(request.POST)
    if form.is_valid():
        try:
            services.set_post_language(member, post, form.cleaned_data["language"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("The post is now marked as written in %(language)s.")
                % {"language": language_name(post.language)},
            )
            return redirect(_translations_url(post.pk, post.language))
    data = queries.post_translations(member, post_id, "")
    return _translations_page(request, data, language_form=form, status=400)


urlpatterns = [
    path("p/<int:post_id>/translations/", post_translations, name="post-translations"),
    path("p/<int:post_id>/translations/new/", new_post_translation, name="post-translation-new"),
    path(
        "p/<int:post_id>/translations/<str:language>/edit/",
        edit_post_translation,
        name="post-translation-edit",
    ),
    path(
        "p/<int:post_id>/translations/<str:language>/delete/",
        delete_post_translation,
        name="post-translation-delete",
    ),
    path("p/<int:post_id>/language/", set_post_language, name="post-language"),
]
