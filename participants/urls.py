"""The participants app's pages; each concern's views module declares its own URL patterns.

The enrolment pages are this app's namespace under /enrolments/. The cohort pages and the organisations'
applications sit under /programmes/ in the ``programmes`` namespace, beside the programme pages:
config/urls.py mounts ``programme_urlpatterns`` there.
"""

from .views import applications, cohorts, enrolments

app_name = "participants"

urlpatterns = [
    *enrolments.urlpatterns,
]

programme_urlpatterns = [
    *cohorts.urlpatterns,
    *applications.urlpatterns,
]
