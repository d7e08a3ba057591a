"""allauth glue: sign-up fills in the member's name, time zone and language."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.translation import get_language

from tertulia.accounts.models import Member
from tertulia.accounts.services import prepare_new_member


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    def save_user(
        self, request: HttpRequest, user: Member, form: BaseForm, commit: bool = True
    ) -> Any:
        data = form.cleaned_data
        prepare_new_member(
            user,
            display_name=data["display_name"],
            time_zone=data.get("time_zone") or "",
            interface_language=(get_language() or "en")[:2],
        )
        return super().save_user(request, user, form, commit=commit)
