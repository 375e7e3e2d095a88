"""The demo's coach pool: Zwolle's six coaches with three places each, and wishes of part of the Najaarsgroep."""

from datetime import date

import pytest

from accounts.models import Role, RoleAssignment
from coaching.models import CoachingWish, CoachMatch, CoachProfile
from core.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_zwolle_has_six_approved_coaches_with_eighteen_places_and_no_matches_yet():
    seed_demo(today=date(2026, 11, 25))
    seed_demo(today=date(2026, 11, 25))  # idempotent

    profiles = CoachProfile.objects.filter(organisation__slug="zwolle", status=CoachProfile.Status.APPROVED)
    assert profiles.count() == 6
    assert sum(profile.max_coachees for profile in profiles) == 18
    assert all(profile.themes.count() == 2 for profile in profiles)
    assert RoleAssignment.objects.filter(role=Role.COACH, user__coach_profile__in=profiles).count() == 6
    assert CoachingWish.objects.filter(participant__email__startswith="deelnemer").count() == 6
    assert not CoachMatch.objects.exists()
