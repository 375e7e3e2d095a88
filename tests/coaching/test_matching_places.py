"""The coach drop-down of HR's proposal shows each coach's places left as they are once the page's choices are
published: a coach the proposal fills says "full", not "3 free places" (issue 10)."""

import html
import re

import pytest

from coaching.models import CoachMatch
from tests.browser.fixtures import _log_in
from tests.factories import CoachMatchFactory, UserFactory


def _url(coaching) -> str:
    return f"/coaching/cohorts/{coaching.cohort.pk}/matching/"


def _options(page: str, person) -> list[str]:
    """The coach options of a participant's drop-down, as HR reads them (without "Nobody for now")."""
    select = re.search(rf'<select [^>]*id="coach-{person.pk}">(.*?)</select>', page, re.DOTALL).group(1)
    return [html.unescape(text) for text in re.findall(r"<option [^>]*data-coach[^>]*>(.*?)</option>", select)]


def _label(coach, *, own_department: bool = False) -> str:
    own = " — own department" if own_department else ""
    return f"{coach.full_name} ({coach.department.name}){own}"


@pytest.fixture
def two_coaches_for_six(coaching):
    """Coach 3 is full with coachees of earlier groups; coaches 1 and 2 have 3 places each for the 6 members, so
    the proposal (everyone gets a coach when possible) fills both."""
    for _index in range(3):
        CoachMatchFactory(coach=coaching.coaches[2], participant=UserFactory(organisation=coaching.organisation))
    return coaching


def test_a_coach_the_proposal_fills_shows_full_in_every_row(english_client, two_coaches_for_six):
    coaching = two_coaches_for_six
    first, second, full = coaching.coaches
    english_client.force_login(coaching.hr)

    response = english_client.get(_url(coaching) + "?propose=1")

    rows = response.context["proposal_rows"]
    assert sorted(row["selected"] for row in rows) == sorted([first.pk] * 3 + [second.pk] * 3)
    page = response.content.decode()
    for person in coaching.participants:
        assert _options(page, person) == [
            f"{_label(first, own_department=person.department == first.department)} · full",
            f"{_label(second, own_department=person.department == second.department)} · full",
        ]
    # The coach who was full before the proposal is no option at all, and the coaches' table says why.
    assert all(full.full_name not in option for person in coaching.participants for option in _options(page, person))
    assert "3 of 3" in page


def test_places_left_count_the_proposal_and_the_coachees_a_coach_already_has(english_client, coaching):
    first, second, third = coaching.coaches
    CoachMatchFactory(coach=third, participant=UserFactory(organisation=coaching.organisation))
    for participant in coaching.participants[:4]:
        CoachMatchFactory(
            coach=first if participant.department != first.department else second, participant=participant
        )
    english_client.force_login(coaching.hr)

    response = english_client.get(_url(coaching) + "?propose=1")

    # Two members are left; coach 1 has 3 - 2 = 1 place, coach 2 has 3 - 2 = 1, coach 3 has 3 - 1 = 2.
    rows = response.context["proposal_rows"]
    assert [row["proposal"].participant for row in rows] == coaching.participants[4:]
    taken = {coach.pk: 0 for coach in coaching.coaches}
    for row in rows:
        taken[row["selected"]] += 1
    free = {first.pk: 1, second.pk: 1, third.pk: 2}
    page = response.content.decode()
    for person in coaching.participants[4:]:
        expected = []
        for coach in coaching.coaches:
            left = free[coach.pk] - taken[coach.pk]
            places = {0: "full", 1: "1 place left"}.get(left, f"{left} places left")
            expected.append(f"{_label(coach, own_department=person.department == coach.department)} · {places}")
        assert _options(page, person) == expected
    # Each row's coach is one of them, and no coach is given more than their places.
    assert all(free[coach_id] - count >= 0 for coach_id, count in taken.items())


def test_after_a_refused_publish_the_drop_down_says_how_many_too_many(english_client, coaching):
    english_client.force_login(coaching.hr)
    first, second, third = coaching.coaches
    people = [coaching.participants[index] for index in (0, 2, 3, 5)]  # none in coach 2's department

    response = english_client.post(
        _url(coaching) + "publish/", {"pair": [f"{person.pk}={second.pk}" for person in people]}
    )

    assert response.status_code == 200
    assert CoachMatch.objects.count() == 0
    page = response.content.decode()
    for person in coaching.participants:
        assert _options(page, person) == [
            f"{_label(first, own_department=person.department == first.department)} · 3 places left",
            f"{_label(second, own_department=person.department == second.department)} · 1 too many",
            f"{_label(third, own_department=person.department == third.department)} · 3 places left",
        ]


def test_the_places_read_in_dutch(client, two_coaches_for_six):
    coaching = two_coaches_for_six
    coaching.hr.preferred_language = "nl"
    coaching.hr.save(update_fields=["preferred_language"])
    client.force_login(coaching.hr)

    page = client.get(_url(coaching) + "?propose=1").content.decode()

    person = coaching.participants[2]  # Financiën: neither coach's department
    assert _options(page, person) == [f"{_label(coach)} · vol" for coach in coaching.coaches[:2]]
    assert 'data-many-left="nog {count} plekken vrij"' in page


# --- in the browser: the numbers follow HR's changes -------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_changing_a_coach_recounts_the_places_in_every_drop_down(page, live_server, two_coaches_for_six):
    coaching = two_coaches_for_six
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    _log_in(page, live_server.url, coaching.hr.email)
    page.goto(f"{live_server.url}{_url(coaching)}?propose=1")
    person, other_row = coaching.participants[2], coaching.participants[5]  # Financiën: either coach may coach them
    select = page.locator(f"#coach-{person.pk}")
    chosen = next(coach for coach in coaching.coaches if select.input_value() == f"{person.pk}={coach.pk}")
    other = next(coach for coach in coaching.coaches[:2] if coach != chosen)

    def labels(row) -> list[str]:
        return page.locator(f"#coach-{row.pk} option[data-coach]").all_inner_texts()

    assert labels(other_row) == [f"{_label(coach)} · full" for coach in coaching.coaches[:2]]

    select.select_option(f"{person.pk}=")
    assert dict(zip(coaching.coaches[:2], labels(other_row), strict=True)) == {
        chosen: f"{_label(chosen)} · 1 place left",
        other: f"{_label(other)} · full",
    }

    select.select_option(f"{person.pk}={other.pk}")
    assert dict(zip(coaching.coaches[:2], labels(other_row), strict=True)) == {
        chosen: f"{_label(chosen)} · 1 place left",
        other: f"{_label(other)} · 1 too many",
    }
    assert labels(person) == labels(other_row)
