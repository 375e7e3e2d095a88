"""The coaching app's pages; each concern's views module declares its own URL patterns."""

from .views import click, load, logs, matching, pool, wishes

app_name = "coaching"

urlpatterns = [
    *pool.urlpatterns,
    *wishes.urlpatterns,
    *matching.urlpatterns,
    *click.urlpatterns,
    *logs.urlpatterns,
    *load.urlpatterns,
]
