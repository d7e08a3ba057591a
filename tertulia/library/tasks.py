"""Mail sent after a facilitator reviews a suggested resource.

The notifications app will take this over; until then the member gets a short mail in
their own interface language, sent by a background task after the decision is saved.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from tertulia.library.models import Resource, ResourceStatus


def review_mail(resource: Resource) -> EmailMultiAlternatives | None:
    """The mail telling the submitter what became of their suggestion (None when nothing)."""
    member = resource.submitted_by
    if not member.is_active or resource.status == ResourceStatus.PENDING:
        return None
    published = resource.status == ResourceStatus.PUBLISHED
    context = {
        "member": member,
        "resource": resource,
        "published": published,
        "resource_url": settings.SITE_URL
        + reverse("resource-detail", kwargs={"resource_id": resource.pk, "slug": resource.slug}),
        "library_url": settings.SITE_URL + reverse("resource-list"),
    }
    with translation.override(member.interface_language or settings.LANGUAGE_CODE):
        if published:
            subject = _("Your resource “%(title)s” is published") % {"title": resource.title}
        else:
            subject = _("Your resource “%(title)s” was not published") % {"title": resource.title}
        text = render_to_string("library/mail/review.txt", context)
        html = render_to_string("library/mail/review.html", context)
    mail = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    )
    mail.attach_alternative(html, "text/html")
    return mail


@task()
def send_review_mail(resource_id: int) -> bool:
    """Mail the submitter the resource's current status; whether a mail was sent."""
    resource = Resource.objects.select_related("submitted_by").filter(pk=resource_id).first()
    if resource is None:
        return False
    mail = review_mail(resource)
    if mail is None:
        return False
    mail.send()
    return True
