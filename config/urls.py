from django.contrib import admin
from django.urls import include, path

from accounts.views import language_switch
from core.views import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Our own switch instead of Django's set_language: it also stores the choice on the account.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("", include("accounts.urls")),
    path("programmes/", include("programmes.urls")),
    path("enrolments/", include("participants.urls")),
    path("inbox/", include("notifications.urls")),
    path("sessions/", include("sessions.urls")),
    path("coaching/", include("coaching.urls")),
    path("placements/", include("placements.urls")),
    path("", include("dashboards.urls")),
]
