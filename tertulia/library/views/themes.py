"""The facilitators' page for the themes: the list, a form to add one, renaming one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tertulia.accounts.models import Member
from tertulia.library.forms import ThemeForm
from tertulia.library.permissions import check_manage_themes
from tertulia.library.queries.themes import theme_list, theme_to_rename
from tertulia.library.services.themes import create_theme, rename_theme


def _facilitator(request: HttpRequest) -> Member:
    check_manage_themes(request.user)
    assert isinstance(request.user, Member)  # noqa: S101  # facilitators are members
    return request.user


def _add_errors(form: ThemeForm, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def resource_themes(request: HttpRequest) -> HttpResponse:
    actor = _facilitator(request)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = create_theme(actor, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The theme “%(name)s” is added.") % {"name": theme.name})
            return redirect("resource-themes")
    return render(
        request, "library/resource_themes.html", {"themes": theme_list(actor), "form": form}
    )


def resource_theme_edit(request: HttpRequest, theme_id: int) -> HttpResponse:
    actor = _facilitator(request)
    theme = theme_to_rename(actor, theme_id)
    form = ThemeForm(
        request.POST or None,
        initial={"name_en": theme.name_en, "name_es": theme.name_es, "name_fr": theme.name_fr},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rename_theme(actor, theme, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The theme is renamed."))
            return redirect("resource-themes")
    return render(request, "library/resource_theme_edit.html", {"theme": theme, "form": form})


urlpatterns = [
    path("themes/", resource_themes, name="resource-themes"),
    path("themes/<int:theme_id>/", resource_theme_edit, name="resource-theme-edit"),
]
