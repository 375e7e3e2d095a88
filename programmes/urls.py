"""The programme pages. The ``programmes`` namespace also holds the cohort pages and the organisations'
applications, which participants serves (they show enrolments and applications): see config/urls.py."""

from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
]
