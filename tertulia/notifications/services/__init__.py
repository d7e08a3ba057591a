"""Notification services: `notify()` for every app, preferences, reading state."""

from tertulia.notifications.services.notify import (
    notify,
    refresh_unsent,
    release_held_mail,
    withdraw,
)
from tertulia.notifications.services.preferences import set_preference

__all__ = ["notify", "refresh_unsent", "release_held_mail", "set_preference", "withdraw"]
