"""Which language a page is in: Dutch, unless the person chose English.

The order is:
1. the logged-in person's own choice (`User.preferred_language`), stored by the footer's switch and
   on My profile;
2. else the language cookie that the footer's switch sets (people who are not logged in, e.g. on the
   login page, and people who have not chosen yet);
3. else the portal's language, Dutch (`settings.LANGUAGE_CODE`).

The browser's Accept-Language is never used: a Dutch municipality's portal speaks Dutch, also on a
laptop that was set up in English.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import translation
from django.utils.cache import patch_vary_headers

SUPPORTED_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def supported_language(code: str | None) -> str | None:
    """`code` if it is one of the portal's languages (exactly, as the switch stores it), else None."""
    return code if code in SUPPORTED_LANGUAGES else None


def account_language(request) -> str | None:
    """The language the logged-in person chose, or None (not logged in, or no choice made)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return supported_language(user.preferred_language)


def request_language(request) -> str:
    """The language for this request, in the order of the module docstring."""
    return (
        account_language(request)
        or supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        or settings.LANGUAGE_CODE
    )


def language_cookie_set(response, language: str) -> None:
    """Remember `language` in the browser, for the pages a person sees when not logged in."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class AccountLocaleMiddleware:
    """Activate the request's language (see the module docstring); replaces Django's LocaleMiddleware.

    Must come after AuthenticationMiddleware, because the account's choice comes first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The language depends on the session (whose account) and on the language cookie, never on
        # Accept-Language: caches must keep one copy per cookie, not one per browser language.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        self._keep_cookie_in_step(request, response)
        return response

    @staticmethod
    def _keep_cookie_in_step(request, response) -> None:
        """After login the account's choice wins over an older cookie; the cookie then follows it,
        so that the login page after logging out is in the person's language too."""
        chosen = account_language(request)  # request.user is the new user if this request logged in
        if chosen is None or settings.LANGUAGE_COOKIE_NAME in response.cookies:
            return
        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            language_cookie_set(response, chosen)


def _speak_the_accounts_language_after_login(sender, request, user, **kwargs) -> None:
    """The request that logs someone in began in the cookie's language (or Dutch); from the moment of
    login it is the account's, so that the "you are logged in" message is in the person's language.

    Only for requests that came through the middleware above: a test's `force_login` (a request of
    its own) must not change the language of the test's thread.
    """
    if getattr(request, "LANGUAGE_CODE", None) is None:
        return
    chosen = supported_language(user.preferred_language)
    if chosen is not None:
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen


# Connected here, next to the middleware that decides the language, rather than in accounts/signals.py:
# it is about the language of one request, not a domain event.
user_logged_in.connect(_speak_the_accounts_language_after_login, dispatch_uid="accounts-language-after-login")
