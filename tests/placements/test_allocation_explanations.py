"""Why a placement: the trainee reads it addressed to them ("your 2nd choice"), HR reads it about the trainee
("the trainee's 2nd choice"), in English and Dutch (issue 10)."""

import html
import re
from datetime import date

import pytest
from django.utils import translation

from placements import placing
from placements.allocation import (
    AssignmentFacts,
    History,
    TraineeFacts,
    WrittenReason,
    host_rank_reason,
    placement_allocation_evaluate,
    reasons_about_the_trainee,
    trainee_choice_reason,
)
from placements.models import HostRanking, PlacementRound
from tests.factories import PlacementFactory
from tests.placements.test_allocation_pages import make_assignment, make_round, rank

SECOND_PERSON = {
    "en": re.compile(r"\b(you|your|yours)\b", re.IGNORECASE),
    "nl": re.compile(r"\b(je|jij|jou|jouw|u|uw)\b", re.IGNORECASE),
}


def every_reason_of_a_placement() -> list:
    """Each reason explain_placement can give, and the ranks at both sides from 1st to 5th and unranked."""
    reasons = [trainee_choice_reason(rank) for rank in (None, 1, 2, 3, 4, 5)]
    reasons += [host_rank_reason(rank, host_ranked_anyone=True) for rank in (None, 1, 2, 3, 4, 5)]
    reasons.append(host_rank_reason(None, host_ranked_anyone=False))
    assignments = [
        AssignmentFacts(1, host_organisation_id=10, track_id=7, track_name="Financieel traineeship"),
        AssignmentFacts(2, host_organisation_id=20),
    ]
    evaluation = placement_allocation_evaluate(
        trainees=[TraineeFacts(1, organisation_id=10, track_id=7), TraineeFacts(2, organisation_id=10)],
        assignments=assignments,
        trainee_ranks={(1, 1): 1, (2, 2): 2},
        host_ranks={(1, 1): 1},
        history={1: History(organisation_ids=frozenset({30})), 2: History(organisation_ids=frozenset({20}))},
        allocation={1: 1, 2: 2},
    )
    for explanation in evaluation.explanations.values():
        reasons += explanation
    return reasons


@pytest.mark.parametrize("language", ["en", "nl"])
def test_hr_reads_every_reason_in_the_third_person_and_only_second_person_reasons_change(language):
    reasons = every_reason_of_a_placement()

    about = reasons_about_the_trainee(reasons)

    with translation.override(language):
        pairs = [(str(reason), str(other)) for reason, other in zip(reasons, about, strict=True)]
    assert len(pairs) == 21
    for to_the_trainee, about_the_trainee in pairs:
        assert not SECOND_PERSON[language].search(about_the_trainee), about_the_trainee
        assert (to_the_trainee != about_the_trainee) == bool(SECOND_PERSON[language].search(to_the_trainee))


def test_the_reasons_read_about_the_trainee_in_english_and_dutch():
    reasons = [
        trainee_choice_reason(2),
        trainee_choice_reason(4),
        trainee_choice_reason(None),
        host_rank_reason(3, host_ranked_anyone=True),
        host_rank_reason(None, host_ranked_anyone=True),
        WrittenReason("your words, as somebody typed them"),
    ]

    about = reasons_about_the_trainee(reasons)

    with translation.override("en"):
        assert [str(reason) for reason in about] == [
            "the trainee's 2nd choice",
            "the trainee's choice number 4",
            "not one the trainee ranked",
            "the host ranked the trainee 3rd",
            "the host did not rank the trainee",
            "your words, as somebody typed them",
        ]
    with translation.override("nl"):
        assert [str(reason) for reason in about][:5] == [
            "2e keuze van de trainee",
            "keuze nummer 4 van de trainee",
            "geen opdracht die de trainee heeft gerangschikt",
            "de opdrachtgever zette de trainee op 3",
            "de opdrachtgever heeft de trainee niet gerangschikt",
        ]


# --- the pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def second_choice(region):
    """Two trainees of the same employer both want the assignment at Heerde most; both hosts prefer the second,
    so the first gets their 2nd choice, at their own employer (Dronten), after an earlier placement at Hattem."""
    dronten, heerde, _kampen, hattem = region.members
    first, second = region.trainees[0], region.trainees[4]
    assert first.organisation == second.organisation == dronten
    earlier = make_round(
        region,
        sequence=1,
        status=PlacementRound.Status.PUBLISHED,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 8, 31),
    )
    PlacementFactory(assignment=make_assignment(region, earlier, hattem), trainee=first)
    round = make_round(region, sequence=2)
    wanted = make_assignment(region, round, heerde, title="Omgevingsvisie")
    at_home = make_assignment(region, round, dronten, title="Begroting")
    rank(first, [wanted, at_home])
    rank(second, [wanted, at_home])
    HostRanking.objects.create(assignment=wanted, trainee=second, rank=1)
    HostRanking.objects.create(assignment=wanted, trainee=first, rank=2)
    HostRanking.objects.create(assignment=at_home, trainee=second, rank=1)
    HostRanking.objects.create(assignment=at_home, trainee=first, rank=2)
    placing.round_allocation_run(round=round, by=region.hr)
    return round, first, second


def _allocation_reasons(page: str, trainee) -> list[str]:
    row = re.search(rf'<tr id="trainee-{trainee.pk}">(.*?)</tr>', page, re.DOTALL).group(1)
    why = re.search(r'<ul class="mb-0 small">(.*?)</ul>', row, re.DOTALL).group(1)
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", why)]


def _timeline_reasons(page: str, title: str) -> list[str]:
    card = page[page.index(title) :]
    why = re.search(r'<dd class="col-sm-9"><ul class="list-unstyled mb-0">(.*?)</ul>', card, re.DOTALL).group(1)
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", why)]


def test_hr_s_allocation_page_explains_each_placement_about_the_trainee(english_client, region, second_choice):
    round, first, second = second_choice
    english_client.force_login(region.hr)

    page = english_client.get(f"/placements/rounds/{round.pk}/allocation/").content.decode()

    assert _allocation_reasons(page, first) == [
        "the trainee's 2nd choice",
        "the host ranked the trainee 2nd",
        "a different organisation than the trainee's earlier placements",
        "at the trainee's own employer",
    ]
    assert _allocation_reasons(page, second) == ["the trainee's 1st choice", "the host ranked the trainee 1st"]


def test_hr_s_allocation_page_in_dutch(client, region, second_choice):
    round, first, _second = second_choice
    region.hr.preferred_language = "nl"
    region.hr.save(update_fields=["preferred_language"])
    client.force_login(region.hr)

    page = client.get(f"/placements/rounds/{round.pk}/allocation/").content.decode()

    assert _allocation_reasons(page, first) == [
        "2e keuze van de trainee",
        "de opdrachtgever zette de trainee op 2",
        "een andere organisatie dan de eerdere plaatsingen van de trainee",
        "bij de eigen werkgever van de trainee",
    ]


def test_a_placement_hr_set_by_hand_is_explained_about_the_trainee_too(english_client, region, second_choice):
    round, first, _second = second_choice
    unranked = make_assignment(region, round, region.members[2], title="Energietransitie")
    placing.placement_set(round=round, trainee=first, assignment=unranked, by=region.hr)
    english_client.force_login(region.hr)

    page = english_client.get(f"/placements/rounds/{round.pk}/allocation/").content.decode()

    assert _allocation_reasons(page, first) == [
        "not one the trainee ranked",
        "the host did not rank the candidates",
        "a different organisation than the trainee's earlier placements",
        "set by HR",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "your 2nd choice",
                "the host ranked you 2nd",
                "a different organisation than your earlier placements",
                "at your own employer",
            ],
        ),
        (
            "nl",
            [
                "je 2e keuze",
                "de opdrachtgever zette je op 2",
                "een andere organisatie dan je eerdere plaatsingen",
                "bij je eigen werkgever",
            ],
        ),
    ],
)
def test_the_trainee_reads_why_addressed_to_them(client, region, second_choice, language, expected):
    round, first, _second = second_choice
    placing.round_publish(round=round, by=region.hr, publish_anyway=True)
    first.preferred_language = language
    first.save(update_fields=["preferred_language"])
    client.force_login(first)

    page = client.get("/placements/my-placements/").content.decode()

    assert _timeline_reasons(page, "Begroting") == expected


def test_hr_reads_a_trainee_s_timeline_about_the_trainee(english_client, region, second_choice):
    round, first, _second = second_choice
    placing.round_publish(round=round, by=region.hr, publish_anyway=True)
    english_client.force_login(region.hr)

    page = english_client.get(f"/placements/cohorts/{region.cohort.pk}/trainees/{first.pk}/timeline/")

    assert page.status_code == 200
    assert _timeline_reasons(page.content.decode(), "Begroting") == [
        "the trainee's 2nd choice",
        "the host ranked the trainee 2nd",
        "a different organisation than the trainee's earlier placements",
        "at the trainee's own employer",
    ]
