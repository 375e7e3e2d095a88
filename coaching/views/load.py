"""Coach load for HR: hours per coach in a month against the hours they offered, with the flags that need
attention (over the norm; live coachees without a session logged for a month). No coaching content."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import hr_organisation_ids, is_hr_of

from ..forms.pool import MonthForm
from ..load import coach_load, month_bounds


@role_required(Role.HR_ADVISER)
def load(request):
    own = hr_organisation_ids(request.user)
    organisation_id = request.GET.get("organisation", "")
    if organisation_id:
        if not organisation_id.isdigit() or not is_hr_of(request.user, int(organisation_id)):
            raise Http404
        organisation_ids = {int(organisation_id)}
    else:
        organisation_ids = own
    today = timezone.localdate()
    form = MonthForm(request.GET or None)
    chosen = form.cleaned_data["month"] if form.is_bound and form.is_valid() else None
    first, last = month_bounds(chosen or today)
    if chosen is None and not form.errors:
        # Nothing chosen: this month, shown in the picker. A wrong entry keeps its message on the form.
        form = MonthForm(initial={"month": f"{first:%Y-%m}"})
    rows = coach_load(organisation_ids=organisation_ids, month=first, today=today)
    return render(
        request,
        "coaching/load_month.html",
        {
            "form": form,
            "rows": rows,
            "month": first,
            "previous_month": f"{first - timedelta(days=1):%Y-%m}",
            "next_month": f"{last + timedelta(days=1):%Y-%m}",
            "is_current_month": first == today.replace(day=1),
            "over_norm": sum(row["over_norm"] for row in rows),
            "no_recent_log": sum(row["no_recent_log"] for row in rows),
            "organisations": Organisation.objects.filter(id__in=own).order_by("name") if len(own) > 1 else [],
            "organisation_id": int(organisation_id) if organisation_id else None,
        },
    )


urlpatterns = [path("load/", load, name="load")]
