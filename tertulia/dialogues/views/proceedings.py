"""The proceedings export, for facilitators: the whole discussion as HTML or PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from tertulia.dialogues import proceedings
from tertulia.dialogues.permissions import check_export_proceedings
from tertulia.dialogues.queries.detail import dialogue_by_number
from tertulia.forums.views.attachments import content_disposition


def _file_name(number: int, title: str, extension: str) -> str:
    return f"proceedings-{number}-{slugify(title)[:60] or 'dialogue'}.{extension}"


@login_required
@require_safe
def proceedings_html(request: HttpRequest, number: int) -> HttpResponse:
    dialogue = dialogue_by_number(number)
    check_export_proceedings(request.user, dialogue)
    response = HttpResponse(proceedings.render_html(proceedings.proceedings(dialogue)))
    response["Content-Disposition"] = content_disposition(
        "inline", _file_name(dialogue.number, dialogue.title, "html")
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def proceedings_pdf(request: HttpRequest, number: int) -> HttpResponse:
    dialogue = dialogue_by_number(number)
    check_export_proceedings(request.user, dialogue)
    pdf = proceedings.render_pdf(proceedings.proceedings(dialogue))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        "attachment", _file_name(dialogue.number, dialogue.title, "pdf")
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("<int:number>/proceedings/", proceedings_html, name="dialogue-proceedings"),
    path("<int:number>/proceedings.pdf", proceedings_pdf, name="dialogue-proceedings-pdf"),
]
