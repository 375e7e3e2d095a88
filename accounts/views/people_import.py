"""People import pages: upload a CSV, look at the check of every row, confirm, and follow the import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..decorators import role_required
from ..forms.people_import import PeopleImportConfirmForm, PeopleImportUploadForm
from ..models import PeopleImport, Role
from ..people_import import (
    COLUMNS,
    people_import_confirm,
    people_import_discard,
    people_import_for_hr,
    people_import_progress,
    people_import_upload,
    people_import_validate,
)
from ..selectors import hr_organisations


@role_required(Role.HR_ADVISER)
def import_upload(request):
    form = PeopleImportUploadForm(
        request.POST or None, request.FILES or None, organisations=hr_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            people_import = people_import_upload(
                organisation=form.cleaned_data["organisation"],
                uploaded_by=request.user,
                file_name=upload.name,
                raw_bytes=upload.read(),
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("accounts:import_detail", import_id=people_import.pk)
    return render(request, "accounts/import_upload.html", {"form": form, "columns": COLUMNS})


@role_required(Role.HR_ADVISER)
def import_detail(request, import_id: int):
    people_import = people_import_for_hr(request.user, import_id)
    context = {"people_import": people_import}
    if people_import.status == PeopleImport.Status.PREVIEW:
        context["result"] = people_import_validate(people_import=people_import)
        context["confirm_form"] = PeopleImportConfirmForm()
    elif people_import.status in (PeopleImport.Status.QUEUED, PeopleImport.Status.RUNNING):
        context["progress"] = people_import_progress(people_import=people_import)
    return render(request, "accounts/import_detail.html", context)


@require_POST
@role_required(Role.HR_ADVISER)
def import_confirm(request, import_id: int):
    people_import = people_import_for_hr(request.user, import_id)
    form = PeopleImportConfirmForm(request.POST)
    form.is_valid()  # a single optional checkbox: always valid
    try:
        people_import_confirm(
            people_import=people_import,
            confirmed_by=request.user,
            send_invitations=form.cleaned_data["send_invitations"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import has started."))
    return redirect("accounts:import_detail", import_id=people_import.pk)


@require_POST
@role_required(Role.HR_ADVISER)
def import_discard(request, import_id: int):
    people_import = people_import_for_hr(request.user, import_id)
    try:
        people_import_discard(people_import=people_import)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:import_detail", import_id=people_import.pk)
    messages.success(request, _("The file has been discarded; nothing was imported."))
    return redirect("accounts:import_upload")


@require_GET
@role_required(Role.HR_ADVISER)
def import_progress(request, import_id: int):
    people_import = people_import_for_hr(request.user, import_id)
    return JsonResponse(people_import_progress(people_import=people_import))


urlpatterns = [
    path("people/import/", import_upload, name="import_upload"),
    path("people/import/<int:import_id>/", import_detail, name="import_detail"),
    path("people/import/<int:import_id>/confirm/", import_confirm, name="import_confirm"),
    path("people/import/<int:import_id>/discard/", import_discard, name="import_discard"),
    path("people/import/<int:import_id>/progress/", import_progress, name="import_progress"),
]
