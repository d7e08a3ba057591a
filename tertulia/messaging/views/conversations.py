"""Inbox, a conversation, starting one, replying, muting and leaving."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.core.validators import parse_id
from tertulia.messaging.forms import ConversationForm, MessageForm
from tertulia.messaging.permissions import check_use_messages
from tertulia.messaging.queries import conversation_page, inbox_page, seat_for
from tertulia.messaging.services import conversations, participation
from tertulia.messaging.views import member_of


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    check_use_messages(member)
    page = inbox_page(member, request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page})


def _render_conversation(
    request: HttpRequest, conversation_id: int, form: MessageForm | None, status: int = 200
) -> HttpResponse:
    member = member_of(request)
    data = conversation_page(member, conversation_id, request.GET.get("page"))
    last_shown = max((message.position for message in data.messages.object_list), default=0)
    participation.mark_read(member, data.seat, up_to_position=last_shown)
    context: dict[str, Any] = {
        "data": data,
        "conversation": data.conversation,
        "form": form if form is not None else MessageForm(),
        "refusal": data.reply_refusal,
    }
    return render(request, "messaging/conversation_detail.html", context, status=status)


@login_required
def conversation_detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    return _render_conversation(request, conversation_id, None)


@login_required
@require_POST
def conversation_reply(request: HttpRequest, conversation_id: int) -> HttpResponse:
    member = member_of(request)
    seat = seat_for(member, conversation_id)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            conversations.reply(
                member,
                seat.conversation,
                body=form.cleaned_data["body"],
                uploads=form.uploads,
                alt_texts=form.alt_texts,
                submission_key=form.cleaned_data["submission_key"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            return _render_conversation(request, conversation_id, form, status=403)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(reverse("conversation-detail", args=[conversation_id]) + "#latest")
    return _render_conversation(request, conversation_id, form)


def _chosen(raw_ids: list[str], sender: Member) -> list[tuple[int, str]]:
    ids = [member_id for member_id in map(parse_id, raw_ids) if member_id is not None]
    if not ids:
        return []
    found = Member.objects.filter(pk__in=ids).exclude(pk=sender.pk).order_by("display_name")
    return [(member.pk, str(member.display_name)) for member in found]


@login_required
def conversation_new(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    check_use_messages(member)
    if request.method == "POST":
        chosen = _chosen(request.POST.getlist("recipient_ids"), member)
        form = ConversationForm(request.POST, request.FILES, chosen=chosen)
    else:
        chosen = _chosen(request.GET.getlist("to"), member)
        form = ConversationForm(chosen=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = conversations.start_conversation(
                member,
                recipient_names=data["recipients"],
                recipient_ids=data["recipient_ids"],
                subject=data["subject"],
                body=data["body"],
                uploads=form.uploads,
                alt_texts=form.alt_texts,
                submission_key=data["submission_key"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("conversation-detail", conversation_id=conversation.pk)
    return render(request, "messaging/conversation_new.html", {"form": form})


@login_required
@require_POST
def conversation_mute(request: HttpRequest, conversation_id: int) -> HttpResponse:
    member = member_of(request)
    seat = seat_for(member, conversation_id)
    muted = request.POST.get("muted") == "1"
    participation.set_muted(member, seat, muted=muted)
    messages.success(
        request,
        _("This conversation is muted.") if muted else _("This conversation is no longer muted."),
    )
    return redirect("conversation-detail", conversation_id=conversation_id)


@login_required
@require_POST
def conversation_leave(request: HttpRequest, conversation_id: int) -> HttpResponse:
    member = member_of(request)
    seat = seat_for(member, conversation_id)
    participation.leave_conversation(member, seat)
    messages.success(
        request,
        _("You left “%(subject)s”. You will not receive its new messages.")
        % {"subject": seat.conversation.subject},
    )
    return redirect("message-inbox")


urlpatterns = [
    path("", inbox, name="message-inbox"),
    path("new/", conversation_new, name="conversation-new"),
    path("<int:conversation_id>/", conversation_detail, name="conversation-detail"),
    path("<int:conversation_id>/reply/", conversation_reply, name="conversation-reply"),
    path("<int:conversation_id>/mute/", conversation_mute, name="conversation-mute"),
    path("<int:conversation_id>/leave/", conversation_leave, name="conversation-leave"),
]
