"""Member pages: directory, profile, profile editing, deactivation, language, facilitator area."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts import queries, services
from tertulia.accounts.forms import DeactivateForm, DirectoryFilterForm, LanguageForm, ProfileForm
from tertulia.accounts.models import Member
from tertulia.accounts.permissions import (
    can_edit_profile,
    can_see_email,
    check_access_facilitator_area,
)
from tertulia.core.access import open_to_visitors


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


def directory(request: HttpRequest) -> HttpResponse:
    get = request.GET
    filters = queries.DirectoryFilters(
        name=get.get("q", "")[:80],
        country=get.get("country", "")[:2],
        language=get.get("language", "")[:8],
        expertise=get.get("expertise", "")[:80],
        organisation=get.get("organisation", "")[:120],
    )
    result = queries.directory_page(request.user, filters, get.get("page"))
    form = DirectoryFilterForm(
        get or None,
        countries=result.countries,
        languages=result.languages,
        expertise=result.expertise,
        organisations=result.organisations,
    )
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/directory.html",
        {
            "form": form,
            "page": result.page,
            "filters": filters,
            "query_string": query.urlencode(),
        },
    )


def profile(request: HttpRequest, member_id: int) -> HttpResponse:
    member = queries.profile_for(request.user, member_id)
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "show_email": can_see_email(request.user, member),
            "can_edit": can_edit_profile(request.user, member),
        },
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            changes = services.ProfileChanges(
                display_name=data["display_name"],
                country=data["country"],
                city=data["city"],
                organisation=data["organisation"],
                job_title=data["job_title"],
                languages=data["languages"],
                expertise=data["expertise"],
                time_zone=data["time_zone"],
                interface_language=data["interface_language"],
                bio=data["bio"],
                show_email=data["show_email"],
                profile_visibility=data["profile_visibility"],
                follows_threads_on_posting=data["follows_threads_on_posting"],
                avatar=data["avatar"] or None,
                remove_avatar=data["remove_avatar"],
            )
            try:
                services.update_profile(member, member, changes)
            except ValidationError as error:
                form.add_error("avatar", error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("member-profile", member_id=member.pk)
        # Whatever was assigned before a failure must not show as saved.
        member.refresh_from_db()
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(member))
    return render(request, "accounts/profile_edit.html", {"form": form, "member": member})


@login_required
def deactivate(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = DeactivateForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.deactivate_member(member)
        logout(request)
        messages.info(request, _("Your account is closed. Thank you for taking part."))
        return redirect("home")
    return render(request, "accounts/deactivate.html", {"form": form})


@open_to_visitors
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a member it also becomes their preference."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if isinstance(request.user, Member):
            services.set_interface_language(request.user, language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
        )
    return response


@login_required
def facilitator_area(request: HttpRequest) -> HttpResponse:
    check_access_facilitator_area(request.user)
    return render(request, "accounts/facilitator_area.html", {})
