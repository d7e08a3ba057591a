"""Reporting a message, and the facilitators' queue of reported messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tertulia.messaging.forms import ReportForm
from tertulia.messaging.models import MessageReport
from tertulia.messaging.permissions import check_moderate_reports, check_report
from tertulia.messaging.queries import readable_message, report_queue
from tertulia.messaging.services import reports
from tertulia.messaging.views import member_of


@login_required
def report_message(request: HttpRequest, message_id: int) -> HttpResponse:
    member = member_of(request)
    seat, message = readable_message(member, message_id)
    check_report(member, seat, message)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reports.report_message(member, seat, message, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The facilitators will look at this message."))
            return redirect("conversation-detail", conversation_id=message.conversation_id)
    return render(request, "messaging/message_report.html", {"form": form, "message": message})


@login_required
def report_queue_page(request: HttpRequest) -> HttpResponse:
    member = member_of(request)
    check_moderate_reports(member)
    resolved = request.GET.get("show") == "resolved"
    page = report_queue(request.GET.get("page"), resolved=resolved)
    return render(
        request, "messaging/report_queue.html", {"page": page, "showing_resolved": resolved}
    )


@login_required
@require_POST
def resolve_report(request: HttpRequest, report_id: int) -> HttpResponse:
    member = member_of(request)
    check_moderate_reports(member)
    report = get_object_or_404(MessageReport, pk=report_id)
    reports.resolve_report(member, report)
    messages.success(request, _("The report is marked as resolved."))
    return redirect("message-report-queue")


urlpatterns = [
    path("reports/", report_queue_page, name="message-report-queue"),
    path("reports/<int:report_id>/resolve/", resolve_report, name="message-report-resolve"),
    path("message/<int:message_id>/report/", report_message, name="message-report"),
]
