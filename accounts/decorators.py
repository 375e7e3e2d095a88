"""View decorators for roles, shared by every app's views (as ``django.contrib.auth.decorators`` is for login):
a missing role answers 404, like a missing object."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .selectors import user_roles


def role_required(*roles: str):
    """Only people with one of these roles reach the view; others get 404 (nothing is revealed)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not user_roles(request.user) & set(roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
