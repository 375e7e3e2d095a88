from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache

from .theme import theme_from_settings


@never_cache
def healthz(request):
    """For load balancers and the container health check: the database and the cache answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    cache.get("healthz")
    return JsonResponse({"status": "ok"})


def theme_css(request):
    """The municipality's colours (settings.GROEIPAD_THEME) as CSS custom properties.

    Every value is a validated hex colour (core.theme), so nothing else can reach the stylesheet. base.html
    links it with ?v=<hash of its content>, so it may be cached for a year and a new theme is a new address.
    """
    theme = theme_from_settings()
    response = HttpResponse(theme.css(), content_type="text/css; charset=utf-8")
    if request.GET.get("v") == theme.css_version:
        patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=5 * 60)
    return response
