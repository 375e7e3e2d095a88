from .navigation import navigation_context


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "navigation_entries": [], "navigation_roles": []}
    return navigation_context(request)
