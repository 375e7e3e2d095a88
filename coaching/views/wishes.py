"""The participant's coaching wish: themes, a preferred coach, "not someone from my own department", a note for HR.

Only for a current member (placed or active) of a cohort, or someone who already has a coach; others get 404.
Every link to the page asks `wish_page_open_to`, the check the page itself makes, so no link leads to a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.selectors import user_roles
from core.forms import add_validation_errors

from .. import matches
from ..forms.matching import WishForm


def wish_page_open_to(user) -> bool:
    """Whether this person may open the wish page: an employee who may state a wish (see coaching.matches)."""
    return Role.EMPLOYEE in user_roles(user) and matches.may_state_wish(person=user)


@login_required
def wish(request):
    person = request.user
    if not wish_page_open_to(person):
        raise Http404
    current = matches.wish_of(participant=person)
    initial = (
        {
            "themes": list(current.themes.all()),
            "preferred_coach": current.preferred_coach_id,
            "avoid_own_department": current.avoid_own_department,
            "note_for_hr": current.note_for_hr,
        }
        if current
        else {"avoid_own_department": True}
    )
    form = WishForm(
        request.POST or None,
        initial=initial,
        themes=matches.themes(),
        coaches=matches.preferred_coach_choices(participant=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            matches.coaching_wish_save(participant=person, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your coaching wish has been saved."))
            return redirect("coaching:wish")
    pool = matches.pool_for_participant(participant=person)
    return render(
        request,
        "coaching/wish_form.html",
        {
            "form": form,
            "wish": current,
            "pool": pool,
            "has_match": matches.participant_match(participant=person) is not None,
        },
    )


urlpatterns = [
    path("wish/", wish, name="wish"),
]
