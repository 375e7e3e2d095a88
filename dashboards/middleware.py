from django.conf import settings

from .navigation import ROLE_COOKIE


class RememberNavigationRoleMiddleware:
    """Keeps the role whose navigation a page showed, so that a page outside every role's menu (an inbox, a
    cohort page) keeps showing the navigation the person came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        role = getattr(request, "navigation_role_to_remember", None)
        if role:
            response.set_cookie(
                ROLE_COOKIE,
                role,
                max_age=60 * 60 * 24 * 365,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
