"""The demo's coaching: Zwolle's pool of eleven, the Najaarsgroep matched and coaching, the Tweede lichting still
to match, and a personal coach for every VNG trainee."""

import pytest
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from coaching.matches import coaches_for_cohort, cohort_coach_proposal, current_members
from coaching.models import CoachingNote, CoachingSession, CoachingWish, CoachMatch, CoachProfile
from demo.seed import seed_demo
from programmes.models import Cohort

pytestmark = pytest.mark.django_db


def test_zwolle_and_vng_have_approved_coach_pools():
    seed_demo()

    zwolle = CoachProfile.objects.filter(organisation__slug="zwolle", status=CoachProfile.Status.APPROVED)
    assert zwolle.count() == 11
    assert sum(profile.max_coachees for profile in zwolle) == 33
    assert all(profile.themes.count() == 2 for profile in zwolle)
    assert zwolle.filter(coach_training_completed_on__isnull=True).count() == 1
    vng = CoachProfile.objects.filter(organisation__slug="vng", status=CoachProfile.Status.APPROVED)
    assert (vng.count(), sum(profile.max_coachees for profile in vng)) == (3, 12)
    assert RoleAssignment.objects.filter(role=Role.COACH, user__coach_profile__isnull=False).count() == 14


def test_the_najaarsgroep_is_matched_and_its_coaches_logged_sessions():
    today = timezone.localdate()
    seed_demo()

    matches = CoachMatch.objects.filter(cohort__name="Najaarsgroep").select_related("coach", "participant")
    assert matches.count() == 15
    assert matches.filter(status=CoachMatch.Status.CONFIRMED).count() == 14
    assert matches.filter(status=CoachMatch.Status.INTRODUCED).count() == 1
    assert all(match.coach.department_id != match.participant.department_id for match in matches)
    assert all(match.coach_id != match.participant.manager_id for match in matches)
    by_email = {match.participant.email: match.coach.email for match in matches}
    # Preferred coaches of the wishes are honoured.
    assert by_email["deelnemer01@zwolle.example"] == "coach1@zwolle.example"
    assert by_email["deelnemer02@zwolle.example"] == "coach6@zwolle.example"
    sessions = CoachingSession.objects.filter(match__cohort__name="Najaarsgroep")
    assert sessions.count() >= 14
    assert all(session.date < today for session in sessions)
    assert not sessions.filter(match__status=CoachMatch.Status.INTRODUCED).exists()
    notes = CoachingNote.objects.filter(session__in=sessions)
    assert notes.filter(visibility="shared").exists() and notes.filter(visibility="private").exists()
    assert notes.filter(author__email="deelnemer01@zwolle.example").count() == 1  # a reflection


def test_the_tweede_lichting_waits_for_hr_to_match_it_and_the_pool_has_room_for_everyone():
    seed_demo()
    cohort = Cohort.objects.get(name="Tweede lichting")

    assert not CoachMatch.objects.filter(cohort=cohort).exists()
    assert CoachingWish.objects.filter(participant__in=current_members(cohort=cohort)).count() == 5
    assert not CoachingWish.objects.filter(participant__email="deelnemer16@zwolle.example").exists()
    members = list(current_members(cohort=cohort))
    proposals, _wishes = cohort_coach_proposal(
        cohort=cohort, members=members, coaches=list(coaches_for_cohort(cohort=cohort))
    )
    assert len(proposals) == 15 and all(proposal.coach is not None for proposal in proposals)


def test_every_vng_trainee_has_a_personal_coach():
    seed_demo()

    trainees = User.objects.filter(email__startswith="trainee", organisation__slug="vng")
    matched = CoachMatch.objects.filter(participant__in=trainees, status__in=CoachMatch.LIVE_STATUSES)
    assert trainees.count() == matched.count() == 10
    assert set(matched.values_list("coach__organisation__slug", flat=True)) == {"vng"}
