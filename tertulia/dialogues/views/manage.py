"""Facilitators' pages: create and edit a dialogue, add its webinars and other events,
its materials and its summary. Plain forms, POST then redirect; no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.dialogues.forms import (
    DialogueForm,
    LinkEventForm,
    MaterialForm,
    SummaryForm,
    WebinarForm,
)
from tertulia.dialogues.models import Dialogue, DialogueMaterial
from tertulia.dialogues.ordinals import dialogue_name
from tertulia.dialogues.permissions import check_manage_dialogues
from tertulia.dialogues.queries.detail import dialogue_with_everything, next_dialogue_number
from tertulia.dialogues.services import materials, summaries, webinars
from tertulia.dialogues.services.dialogues import create_dialogue, update_dialogue
from tertulia.events.forms.common import add_service_errors
from tertulia.events.models import Event


def _facilitator(request: HttpRequest) -> Member:
    check_manage_dialogues(request.user)
    assert isinstance(request.user, Member)  # noqa: S101  # facilitators are members
    return request.user


def _dialogue(number: int) -> Dialogue:
    return get_object_or_404(dialogue_with_everything(), number=number)


def _put_errors(
    form: forms.Form, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    add_service_errors(form, error, aliases or {})


def _to_detail(dialogue: Dialogue) -> HttpResponse:
    return redirect("dialogue-detail", number=dialogue.number, slug=dialogue.slug)


@login_required
def dialogue_create(request: HttpRequest) -> HttpResponse:
    member = _facilitator(request)
    form = DialogueForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "number": next_dialogue_number(),
            "time_zone": member.time_zone,
            "languages": ["en"],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = create_dialogue(member, **form.service_fields())
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(
                request,
                _("The %(name)s is announced.") % {"name": dialogue_name(dialogue.number)},
            )
            return _to_detail(dialogue)
    return render(request, "dialogues/dialogue_form.html", {"form": form, "dialogue": None})


@login_required
def dialogue_edit(request: HttpRequest, number: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    initial = DialogueForm.initial_for(dialogue)
    form = DialogueForm(request.POST or None, request.FILES or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = update_dialogue(member, dialogue, **form.service_fields())
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("The dialogue is saved."))
            return _to_detail(dialogue)
    return render(request, "dialogues/dialogue_form.html", {"form": form, "dialogue": dialogue})


@login_required
def webinar_add(request: HttpRequest, number: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    title = _("Webinar: %(title)s") % {"title": dialogue.title}
    form = WebinarForm(
        request.POST or None,
        request.FILES or None,
        initial=WebinarForm.initial_for(dialogue, title),
    )
    link_form = LinkEventForm(dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            event = webinars.add_dialogue_event(
                member, dialogue, new_speaker=form.new_speaker(), **form.event_fields()
            )
        except ValidationError as error:
            _put_errors(form, error, WebinarForm.aliases)
        else:
            messages.success(
                request, _("“%(title)s” is added to the dialogue.") % {"title": event.title}
            )
            return _to_detail(dialogue)
    return render(
        request,
        "dialogues/webinar_form.html",
        {"form": form, "link_form": link_form, "dialogue": dialogue},
    )


@login_required
@require_POST
def event_link(request: HttpRequest, number: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    link_form = LinkEventForm(request.POST, dialogue=dialogue)
    if link_form.is_valid():
        event = link_form.cleaned_data["event"]
        try:
            webinars.link_dialogue_event(member, dialogue, event)
        except ValidationError as error:
            _put_errors(link_form, error)
        else:
            messages.success(
                request, _("“%(title)s” is linked to the dialogue.") % {"title": event.title}
            )
            return _to_detail(dialogue)
    title = _("Webinar: %(title)s") % {"title": dialogue.title}
    form = WebinarForm(initial=WebinarForm.initial_for(dialogue, title))
    return render(
        request,
        "dialogues/webinar_form.html",
        {"form": form, "link_form": link_form, "dialogue": dialogue},
    )


@login_required
@require_POST
def event_unlink(request: HttpRequest, number: int, event_id: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    event = get_object_or_404(Event, pk=event_id, dialogues=dialogue)
    webinars.unlink_dialogue_event(member, dialogue, event)
    messages.success(
        request, _("“%(title)s” is no longer linked to the dialogue.") % {"title": event.title}
    )
    return _to_detail(dialogue)


@login_required
def material_list(request: HttpRequest, number: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = materials.add_material(
                member,
                dialogue,
                kind=data["kind"],
                title=data["title"],
                url=data["url"],
                upload=data.get("upload") or None,
                language=data["language"],
            )
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is added.") % {"title": material.title})
            return redirect("dialogue-materials", number=dialogue.number)
    return render(
        request,
        "dialogues/material_list.html",
        {"form": form, "dialogue": dialogue, "materials": list(dialogue.materials.all())},
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, number: int, material_id: int) -> HttpResponse:
    member = _facilitator(request)
    material = get_object_or_404(
        DialogueMaterial.objects.select_related("dialogue"), pk=material_id, dialogue__number=number
    )
    materials.remove_material(member, material)
    messages.success(request, _("“%(title)s” is removed.") % {"title": material.title})
    return redirect("dialogue-materials", number=number)


@login_required
def summary_edit(request: HttpRequest, number: int) -> HttpResponse:
    member = _facilitator(request)
    dialogue = _dialogue(number)
    form = SummaryForm(request.POST or None, initial={"text": dialogue.summary_text})
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        publish = {"publish": True, "unpublish": False}.get(action)
        try:
            dialogue = summaries.save_summary(
                member, dialogue, text=form.cleaned_data["text"], publish=publish
            )
        except ValidationError as error:
            _put_errors(form, error)
        else:
            if dialogue.summary_published_at is not None:
                messages.success(request, _("The summary is published."))
            else:
                messages.success(request, _("The summary is saved as a draft."))
            return _to_detail(dialogue)
    return render(request, "dialogues/summary_form.html", {"form": form, "dialogue": dialogue})


urlpatterns = [
    path("new/", dialogue_create, name="dialogue-create"),
    path("<int:number>/edit/", dialogue_edit, name="dialogue-edit"),
    path("<int:number>/webinars/new/", webinar_add, name="dialogue-webinar-add"),
    path("<int:number>/events/link/", event_link, name="dialogue-event-link"),
    path("<int:number>/events/<int:event_id>/unlink/", event_unlink, name="dialogue-event-unlink"),
    path("<int:number>/materials/", material_list, name="dialogue-materials"),
    path(
        "<int:number>/materials/<int:material_id>/delete/",
        material_delete,
        name="dialogue-material-delete",
    ),
    path("<int:number>/summary/", summary_edit, name="dialogue-summary"),
]
