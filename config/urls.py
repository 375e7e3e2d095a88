from django.contrib import admin
from django.urls import include, path

from accounts.views.people import language_switch
from core.views import healthz, theme_css
from participants.urls import programme_urlpatterns as participants_programme_urlpatterns
from programmes import urls as programmes_urls

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("theme.css", theme_css, name="theme_css"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Our own switch instead of Django's set_language: it also stores the choice on the account.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("", include("accounts.urls")),
    # One namespace for /programmes/, served by two apps: the programme pages, and participants' cohort and
    # application pages (they show enrolments, and participants sits above programmes).
    path(
        "programmes/",
        include((programmes_urls.urlpatterns + participants_programme_urlpatterns, programmes_urls.app_name)),
    ),
    path("enrolments/", include("participants.urls")),
    path("inbox/", include("notifications.urls")),
    path("sessions/", include("sessions.urls")),
    path("coaching/", include("coaching.urls")),
    path("placements/", include("placements.urls")),
    path("", include("dashboards.urls")),
]
