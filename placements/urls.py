"""The placements app's pages; each concern's views module declares its own URL patterns."""

from .views import allocation, assignments, market, supervision, swaps, timeline

app_name = "placements"

urlpatterns = [
    *assignments.urlpatterns,
    *market.urlpatterns,
    *allocation.urlpatterns,
    *timeline.urlpatterns,
    *supervision.urlpatterns,
    *swaps.urlpatterns,
]
