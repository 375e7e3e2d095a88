from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/edit/", views.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/status/", views.cohort_status, name="cohort_status"),
    path("cohorts/<int:pk>/members.csv", views.cohort_members_csv, name="cohort_members_csv"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("<slug:slug>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("<slug:slug>/apply/", views.application_apply, name="application_apply"),
    path("<slug:slug>/applications/", views.application_list, name="application_list"),
    path("<slug:slug>/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("<slug:slug>/applications/<int:pk>/intake/", views.application_plan_intake, name="application_plan_intake"),
    path(
        "<slug:slug>/applications/<int:pk>/questions/",
        views.application_record_intake,
        name="application_record_intake",
    ),
    path("<slug:slug>/applications/<int:pk>/admit/", views.application_admit, name="application_admit"),
    path("<slug:slug>/applications/<int:pk>/decline/", views.application_decline, name="application_decline"),
]
