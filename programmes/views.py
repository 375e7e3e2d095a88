"""HR pages for programmes: the list and one programme with its rules, costs and cohorts.

Every page is for HR advisers. A programme is managed by HR of the organisation that owns it; anything
else answers 404, so its existence is not revealed. The cohort pages and the organisations' applications
show enrolments and applications, so participants serves them (participants/views/), under the same URLs.
"""

from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import Organisation, Role

from . import selectors
from .models import Programme


@role_required(Role.HR_ADVISER)
def programme_list(request):
    can_apply_to = (
        selectors.programmes_open_for_applications()
        .exclude(pk__in=Programme.objects.managed_by(request.user).values("pk"))
        .order_by("name")
    )
    return render(
        request,
        "programmes/programme_list.html",
        {
            "items": selectors.programme_list_for_hr(user=request.user),
            "can_apply_to": can_apply_to if _is_municipality_hr(request.user) else [],
        },
    )


def _is_municipality_hr(user) -> bool:
    return Organisation.objects.managed_by(user).filter(kind=Organisation.Kind.MUNICIPALITY).exists()


@role_required(Role.HR_ADVISER)
def programme_detail(request, slug: str):
    programme = selectors.programme_for_hr(user=request.user, slug=slug)
    return render(request, "programmes/programme_detail.html", selectors.programme_overview(programme=programme))
