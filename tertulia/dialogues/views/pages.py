"""Reading pages: current and upcoming dialogues, the archive, a dialogue, its files."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tertulia.accounts.middleware import zone_for
from tertulia.dialogues.models import DialogueMaterial
from tertulia.dialogues.queries import detail, lists
from tertulia.forums.views.attachments import content_disposition

FILE_CACHE = "private, max-age=86400"


@require_safe
def dialogue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dialogues/dialogue_list.html",
        {"current": lists.current_dialogues(zone_for(request))},
    )


@require_safe
def dialogue_archive(request: HttpRequest) -> HttpResponse:
    filters = lists.parse_archive_filters(request.GET.dict())
    data = lists.archive_page(filters, request.GET.get("page"))
    return render(
        request,
        "dialogues/dialogue_archive.html",
        {
            "data": data,
            "page": data.page,
            "filters": filters,
            "query_string": filters.query_string(),
        },
    )


@require_safe
def dialogue_detail(request: HttpRequest, number: int, slug: str) -> HttpResponse:
    data = detail.dialogue_page(request.user, number, zone_for(request))
    if slug != data.dialogue.slug:
        return redirect("dialogue-detail", number=number, slug=data.dialogue.slug, permanent=True)
    return render(
        request, "dialogues/dialogue_detail.html", {"data": data, "dialogue": data.dialogue}
    )


@require_safe
def dialogue_short(request: HttpRequest, number: int) -> HttpResponse:
    dialogue = detail.dialogue_by_number(number)
    return redirect("dialogue-detail", number=number, slug=dialogue.slug)


def _serve(field_file: FieldFile, name: str, content_type: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("This file is no longer stored.")) from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition("inline", name)
    response["X-Content-Type-Options"] = "nosniff"
    # A document never runs anything, even if a browser were talked into rendering it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = FILE_CACHE
    return response


@require_safe
def concept_note_pdf(request: HttpRequest, number: int) -> FileResponse:
    dialogue = detail.dialogue_by_number(number)
    if not dialogue.concept_note_pdf:
        raise Http404(_("This dialogue has no concept note in PDF."))
    name = dialogue.concept_note_pdf_name or f"concept-note-{dialogue.number}.pdf"
    return _serve(dialogue.concept_note_pdf, name, "application/pdf")


@require_safe
def material_file(request: HttpRequest, number: int, material_id: int) -> FileResponse:
    material = get_object_or_404(
        DialogueMaterial.objects.select_related("dialogue"),
        pk=material_id,
        dialogue__number=number,
    )
    if not material.file:
        raise Http404(_("This material is a link, not a file."))
    return _serve(material.file, material.file_name or material.file.name, _content_type(material))


def _content_type(material: DialogueMaterial) -> str:
    # The stored name's extension was set from the content when it was checked.
    extension = material.file.name.rsplit(".", 1)[-1].lower()
    return {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "txt": "text/plain; charset=utf-8",
        "csv": "text/csv",
        "webp": "image/webp",
        "png": "image/png",
        "jpg": "image/jpeg",
        "gif": "image/gif",
    }.get(extension, "application/octet-stream")


urlpatterns = [
    path("", dialogue_list, name="dialogue-list"),
    path("archive/", dialogue_archive, name="dialogue-archive"),
    path("<int:number>/", dialogue_short, name="dialogue-short"),
    path("<int:number>/concept-note.pdf", concept_note_pdf, name="dialogue-concept-note"),
    path(
        "<int:number>/materials/<int:material_id>/file/",
        material_file,
        name="dialogue-material-file",
    ),
]

# Last: "<number>/<slug>/" would otherwise shadow the fixed paths of the other modules.
detail_urlpatterns = [
    path("<int:number>/<str:slug>/", dialogue_detail, name="dialogue-detail"),
]
