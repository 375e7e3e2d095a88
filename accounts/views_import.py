"""People import pages (placeholder until the import module lands)."""

from django.http import Http404

from core.access import role_required

from .models import Role


@role_required(Role.HR_ADVISER)
def import_upload(request):
    raise Http404


@role_required(Role.HR_ADVISER)
def import_detail(request, import_id: int):
    raise Http404


@role_required(Role.HR_ADVISER)
def import_confirm(request, import_id: int):
    raise Http404


@role_required(Role.HR_ADVISER)
def import_discard(request, import_id: int):
    raise Http404


@role_required(Role.HR_ADVISER)
def import_progress(request, import_id: int):
    raise Http404
