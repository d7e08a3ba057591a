"""The facilitators' pages: compose an issue, write its editions, preview, test, send."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tertulia.accounts.models import Member
from tertulia.newsletters import queries
from tertulia.newsletters.editions import EDITION_LANGUAGES
from tertulia.newsletters.forms import (
    EditionForm,
    LanguageForm,
    SectionFormSet,
    TestMailForm,
    edition_draft,
    section_initial,
)
from tertulia.newsletters.mail import render_edition
from tertulia.newsletters.permissions import check_manage_newsletter
from tertulia.newsletters.prefill import default_period_start, prefilled_sections
from tertulia.newsletters.services import compose, sending


def facilitator_of(request: HttpRequest) -> Member:
    """The signed-in facilitator; 403 for anyone else."""
    check_manage_newsletter(request.user)
    assert isinstance(request.user, Member)  # noqa: S101  # checked just above
    return request.user


def _language_names() -> dict[str, str]:
    """The edition languages, named in the viewer's language."""
    return {code: str(name) for code, name in settings.LANGUAGES}


def _add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put the service's messages next to the fields the form has, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


@login_required
@require_GET
def newsletter_manage(request: HttpRequest) -> HttpResponse:
    facilitator_of(request)
    page = queries.manage_page(request.GET.get("page"))
    return render(request, "newsletters/newsletter_manage.html", {"page": page})


def _new_issue_language(request: HttpRequest, member: Member) -> str:
    wanted = request.POST.get("language") or request.GET.get("language") or ""
    return wanted if wanted in EDITION_LANGUAGES else member.interface_language


@login_required
@require_http_methods(["GET", "POST"])
def issue_new(request: HttpRequest) -> HttpResponse:
    member = facilitator_of(request)
    language = _new_issue_language(request, member)
    since = default_period_start(queries.latest_sent_at(), timezone.now())
    language_form = LanguageForm(request.POST or None, initial={"language": language})
    if request.method == "POST":
        form = EditionForm(request.POST)
        sections = SectionFormSet(request.POST, prefix="sections")
        if not language_form.is_valid():
            # The language comes from a hidden field: its message goes on top of the form.
            for message in language_form.errors["language"]:
                form.add_error(None, message)
        if form.is_valid() and sections.is_valid():
            try:
                issue = compose.start_issue(member, edition_draft(language, form, sections))
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("The draft is saved."))
                return redirect("newsletter-issue-manage", issue_id=issue.pk)
    else:
        form = EditionForm()
        sections = SectionFormSet(
            prefix="sections", initial=section_initial(prefilled_sections(language, since))
        )
    return render(
        request,
        "newsletters/issue_new.html",
        {
            "form": form,
            "sections": sections,
            "language_form": language_form,
            "language": language,
            "since": since,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def issue_manage(request: HttpRequest, issue_id: int) -> HttpResponse:
    member = facilitator_of(request)
    data = queries.issue_management(issue_id)
    names = _language_names()
    test_form = TestMailForm(
        languages=[(e.language, names.get(e.language, e.language)) for e in data.editions],
        initial={"language": member.interface_language},
    )
    return render(
        request,
        "newsletters/issue_manage.html",
        {"data": data, "issue": data.issue, "test_form": test_form},
    )


@login_required
@require_GET
def issue_progress(request: HttpRequest, issue_id: int) -> HttpResponse:
    facilitator_of(request)
    issue, progress = queries.issue_for_progress(issue_id)
    return render(
        request,
        "newsletters/issue_progress_partial.html",
        {"issue": issue, "progress": progress},
    )


def _edition_initial(
    issue_id: int, language: str
) -> tuple[Any, dict[str, str], list[dict[str, str]], bool]:
    issue, edition, others = queries.edition_for_editing(issue_id, language)
    if edition is not None:
        sections = [{"heading": s.heading, "body": s.body} for s in edition.sections.all()]
        return issue, {"title": edition.title, "introduction": edition.introduction}, sections, True
    # A new language: start from another edition's words (to translate) and sections
    # written afresh in this language.
    model = next((e for e in others if e.language == "en"), others[0] if others else None)
    initial = {"title": model.title, "introduction": model.introduction} if model else {}
    since = issue.covers_since
    return issue, initial, section_initial(prefilled_sections(language, since)), False


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    member = facilitator_of(request)
    issue, initial, section_rows, exists = _edition_initial(issue_id, language)
    if not issue.is_draft:
        messages.error(request, _("This issue is being sent or was sent: it can no longer change."))
        return redirect("newsletter-issue-manage", issue_id=issue.pk)
    if request.method == "POST":
        form = EditionForm(request.POST)
        sections = SectionFormSet(request.POST, prefix="sections")
        if form.is_valid() and sections.is_valid():
            try:
                compose.save_edition(member, issue.pk, edition_draft(language, form, sections))
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("The edition is saved."))
                return redirect("newsletter-issue-manage", issue_id=issue.pk)
    else:
        form = EditionForm(initial=initial)
        sections = SectionFormSet(prefix="sections", initial=section_rows)
    return render(
        request,
        "newsletters/edition_edit.html",
        {
            "issue": issue,
            "language": language,
            "language_name": _language_names().get(language, language),
            "exists": exists,
            "form": form,
            "sections": sections,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def edition_preview(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    """The mail's HTML exactly as this facilitator would receive it."""
    member = facilitator_of(request)
    _issue, edition, _others = queries.edition_for_editing(issue_id, language)
    if edition is None:
        return redirect("newsletter-edition-edit", issue_id=issue_id, language=language)
    rendered = render_edition(edition, list(edition.sections.all()))
    return HttpResponse(
        rendered.for_member(member.pk).html, content_type="text/html; charset=utf-8"
    )


@login_required
@require_POST
def edition_remove(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    member = facilitator_of(request)
    try:
        compose.remove_edition(member, issue_id, language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The edition is removed."))
    return redirect("newsletter-issue-manage", issue_id=issue_id)


@login_required
@require_POST
def issue_test(request: HttpRequest, issue_id: int) -> HttpResponse:
    member = facilitator_of(request)
    language = request.POST.get("language", "")
    try:
        address = sending.send_test(member, issue_id, language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A test is on its way to %(address)s.") % {"address": address})
    return redirect("newsletter-issue-manage", issue_id=issue_id)


@login_required
@require_POST
def issue_send(request: HttpRequest, issue_id: int) -> HttpResponse:
    member = facilitator_of(request)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the issue is ready to send."))
        return redirect("newsletter-issue-manage", issue_id=issue_id)
    try:
        started = sending.start_sending(member, issue_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if started:
            messages.success(request, _("Sending has started. This page shows its progress."))
        else:
            messages.info(request, _("This issue is already being sent or was sent."))
    return redirect("newsletter-issue-manage", issue_id=issue_id)


@login_required
@require_POST
def issue_resume(request: HttpRequest, issue_id: int) -> HttpResponse:
    member = facilitator_of(request)
    if sending.resume_sending(member, issue_id):
        messages.success(request, _("Sending is resumed where it stopped."))
    return redirect("newsletter-issue-manage", issue_id=issue_id)


@login_required
@require_POST
def issue_delete(request: HttpRequest, issue_id: int) -> HttpResponse:
    member = facilitator_of(request)
    try:
        compose.delete_draft(member, issue_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("newsletter-issue-manage", issue_id=issue_id)
    messages.success(request, _("The draft is deleted."))
    return redirect("newsletter-manage")


urlpatterns = [
    path("manage/", newsletter_manage, name="newsletter-manage"),
    path("manage/new/", issue_new, name="newsletter-issue-new"),
    path("manage/<int:issue_id>/", issue_manage, name="newsletter-issue-manage"),
    path("manage/<int:issue_id>/progress/", issue_progress, name="newsletter-issue-progress"),
    path("manage/<int:issue_id>/test/", issue_test, name="newsletter-issue-test"),
    path("manage/<int:issue_id>/send/", issue_send, name="newsletter-issue-send"),
    path("manage/<int:issue_id>/resume/", issue_resume, name="newsletter-issue-resume"),
    path("manage/<int:issue_id>/delete/", issue_delete, name="newsletter-issue-delete"),
    path(
        "manage/<int:issue_id>/<slug:language>/",
        edition_edit,
        name="newsletter-edition-edit",
    ),
    path(
        "manage/<int:issue_id>/<slug:language>/preview/",
        edition_preview,
        name="newsletter-edition-preview",
    ),
    path(
        "manage/<int:issue_id>/<slug:language>/remove/",
        edition_remove,
        name="newsletter-edition-remove",
    ),
]
