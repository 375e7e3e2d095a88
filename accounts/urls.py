from django.urls import path

from . import views, views_import

app_name = "accounts"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/new/", views.person_invite, name="person_invite"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/invite/", views.person_resend_invitation, name="person_resend_invitation"),
    path("people/import/", views_import.import_upload, name="import_upload"),
    path("people/import/<int:import_id>/", views_import.import_detail, name="import_detail"),
    path("people/import/<int:import_id>/confirm/", views_import.import_confirm, name="import_confirm"),
    path("people/import/<int:import_id>/discard/", views_import.import_discard, name="import_discard"),
    path("people/import/<int:import_id>/progress/", views_import.import_progress, name="import_progress"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:organisation_id>/settings/", views.organisation_settings, name="organisation_settings"),
    path("organisations/<int:organisation_id>/departments/", views.department_add, name="department_add"),
    path("me/", views.my_profile, name="my_profile"),
]
