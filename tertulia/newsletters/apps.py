from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "tertulia.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters and digests")

    def ready(self) -> None:
        # The sign-up form (accounts) offers the newsletter opt-out, which notifications
        # stores; accounts may not import either, so it announces the choice and this
        # app, above both, records it. Imported here: services need the models ready.
        from tertulia.accounts.forms import signed_up_with_choices
        from tertulia.newsletters.services.subscriptions import record_signup_choices

        signed_up_with_choices.connect(
            record_signup_choices, dispatch_uid="newsletters-signup-choices"
        )
