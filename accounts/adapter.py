from allauth.account.adapter import DefaultAccountAdapter


class GroeipadAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by HR (invitation or import), never by sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False
