"""Notification pages: the list, opening one, preferences and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tertulia.accounts.models import Member
from tertulia.core.access import open_to_visitors
from tertulia.notifications import queries
from tertulia.notifications.forms import PreferencesForm, kind_field_name
from tertulia.notifications.models import Delivery, Kind
from tertulia.notifications.services import preferences, reading
from tertulia.notifications.tokens import read_unsubscribe_token


def _member(request: HttpRequest) -> Member:
    assert isinstance(request.user, Member)  # noqa: S101  # guaranteed by login_required
    return request.user


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = queries.notification_page(_member(request), request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = reading.open_notification(_member(request), notification_id)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = reading.mark_all_read(_member(request))
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    data = queries.preferences_page(member)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                preferences.update_preferences(member, form.deliveries(), form.mail_choices())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your notification preferences are saved."))
                return redirect("notification-preferences")
    else:
        initial: dict[str, object] = {
            kind_field_name(kind): delivery for kind, delivery in data.deliveries.items()
        }
        settings_row = data.mail_settings
        initial.update(
            digest_format=settings_row.digest_format,
            digest_hour=settings_row.digest_hour,
            mailing_list_mode=settings_row.mailing_list_mode,
            newsletter_opt_out=settings_row.newsletter_opt_out,
        )
        form = PreferencesForm(initial=initial)
    return render(
        request,
        "notifications/notification_preferences.html",
        {"form": form, "overrides": data.overrides, "deliveries": Delivery.choices},
    )


@login_required
@require_POST
def notification_preference_clear(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    scope = request.POST.get("scope", "")
    if kind in Kind.values and scope:
        preferences.clear_scoped_preference(_member(request), kind, scope)
        messages.success(request, _("The override is removed."))
    return redirect("notification-preferences")


@open_to_visitors
@csrf_exempt  # RFC 8058: mail providers POST here without a session; the token is the proof
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        target = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if target.kind not in Kind.values:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"kind_label": Kind(target.kind).label, "scope": target.scope}
    if request.method == "POST":
        if not preferences.unsubscribe(
            target.member_id,
            target.kind,
            target.scope,
            notification_id=target.notification_id,
        ):
            return render(request, "notifications/unsubscribe_invalid.html", status=400)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)
