"""The blocked-members page, and blocking or unblocking someone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.accounts.models import Member
from tertulia.core.redirects import safe_next
from tertulia.messaging.forms import BlockForm
from tertulia.messaging.permissions import check_use_messages
from tertulia.messaging.queries import blocked_members
from tertulia.messaging.services import blocks
from tertulia.messaging.services.recipients import resolve_recipients
from tertulia.messaging.views import member_of


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(safe_next(request, reverse("blocked-members")))


@login_required
def blocked_list(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    check_use_messages(member)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = resolve_recipients(form.cleaned_data["name"])
            if len(found) != 1:
                raise ValidationError(_("Write the name or email address of one member."))
            blocks.block_member(member, found[0])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("You blocked %(name)s.") % {"name": found[0].display_name})
            return redirect("blocked-members")
    return render(
        request,
        "messaging/blocked_members.html",
        {"blocks": blocked_members(member), "form": form},
    )


@login_required
@require_POST
def block(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_of(request)
    target = get_object_or_404(Member, pk=member_id)
    try:
        blocks.block_member(member, target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You blocked %(name)s.") % {"name": target.display_name})
    return _back(request)


@login_required
@require_POST
def unblock(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_of(request)
    target = get_object_or_404(Member, pk=member_id)
    blocks.unblock_member(member, target)
    messages.success(request, _("You unblocked %(name)s.") % {"name": target.display_name})
    return _back(request)


urlpatterns = [
    path("blocked/", blocked_list, name="blocked-members"),
    path("blocked/<int:member_id>/block/", block, name="member-block"),
    path("blocked/<int:member_id>/unblock/", unblock, name="member-unblock"),
]
