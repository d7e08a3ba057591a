from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "tertulia.messaging"
    label = "messaging"
    verbose_name = _("Private messages")

    def ready(self) -> None:
        # Imported here: the handler reaches the models, which are ready only now.
        from tertulia.messaging import inbound

        # Replies to a "new message" mail are posted in the conversation.
        inbound.register()
