from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from accounts.middleware import supported_language


class GroeipadAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by HR (invitation or import), never by sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's own e-mails (password reset, e-mail confirmation) in the recipient's language.

        The recipient's stored choice wins; without one (or without a known account, e.g. the mail to an
        unknown address) the e-mail is in the language of the request that caused it: the language cookie,
        else Dutch (see accounts.middleware). The person asking for a reset need not be the recipient, so
        the request's language alone would not do.
        """
        user = context.get("user")
        language = (
            supported_language(getattr(user, "preferred_language", None))
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
