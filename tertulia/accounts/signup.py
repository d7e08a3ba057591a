"""allauth's sign-up form, saved in one transaction.

allauth saves the member and then calls `SignupExtraForm.signup`, which hands the other
choices (the newsletter opt-out) to the apps that keep them. Without one transaction
around both, a failure in the second write would leave a member who refused the
newsletter subscribed to it.
"""

from __future__ import annotations

from allauth.account.forms import SignupForm
from django.db import transaction
from django.http import HttpRequest

from tertulia.accounts.models import Member


class AtomicSignupForm(SignupForm):  # type: ignore[misc]  # allauth ships no types
    def save(self, request: HttpRequest) -> Member:
        with transaction.atomic():
            member: Member = super().save(request)
        return member
