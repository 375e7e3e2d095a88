from django.contrib import admin
from django.urls import include, path

from core.views import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),
    path("programmes/", include("programmes.urls")),
    path("enrolments/", include("participants.urls")),
    path("inbox/", include("notifications.urls")),
    path("sessions/", include("sessions.urls")),
    path("coaching/", include("coaching.urls")),
    path("placements/", include("placements.urls")),
    path("", include("dashboards.urls")),
]
