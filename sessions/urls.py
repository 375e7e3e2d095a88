"""The sessions app's pages; each concern's views module declares its own URL patterns."""

from .views import (
    attendance,
    calendar,
    curricula,
    elective,
    extra_seats,
    feedback,
    groups,
    planning,
    schedule,
    slots,
)

app_name = "sessions"

urlpatterns = [
    *planning.urlpatterns,
    *schedule.urlpatterns,
    *curricula.urlpatterns,
    *calendar.urlpatterns,
    *groups.urlpatterns,
    *elective.urlpatterns,
    *extra_seats.urlpatterns,
    *slots.urlpatterns,
    *attendance.urlpatterns,
    *feedback.urlpatterns,
]
