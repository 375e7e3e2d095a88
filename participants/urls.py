from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("programmes/", views.programmes, name="programmes"),
    path("cohorts/<int:cohort_id>/enrol/", views.enrol, name="enrol"),
    path("approvals/", views.approvals, name="approvals"),
    path("budgets/", views.budgets, name="budgets"),
    path("<int:enrolment_id>/", views.enrolment_detail, name="enrolment_detail"),
    path("<int:enrolment_id>/approve/", views.approve, name="approve"),
    path("<int:enrolment_id>/reject/", views.reject, name="reject"),
    path("<int:enrolment_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:enrolment_id>/override/", views.enrolment_override, name="override"),
]
