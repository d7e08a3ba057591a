from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "tertulia.forums"
    label = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # Bookkeeping that must follow every save of a member, wherever it happens (the
        # profile page, the admin): forum pages that show their name are now stale.
        # Imported here because services import models, which are ready only now.
        from tertulia.forums import inbound
        from tertulia.forums.services import revisions

        post_save.connect(
            revisions.member_saved,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="forums-member-saved",
        )
        # Replies to a thread's mail and mail to a forum's address post here.
        inbound.register()
