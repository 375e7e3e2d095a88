"""seed_demo (run by `make run`): idempotent, invented people only, Dutch content, and every printed demo login
lands on a dashboard with something to do or to see."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from accounts.models import Department, Organisation, Role, RoleAssignment, User
from accounts.selectors import user_primary_role
from coaching.models import CoachingNote, CoachingSession, CoachMatch
from demo.seed import DEMO_PASSWORD, seed_demo
from notifications.models import Notification
from participants.models import Enrolment, OrganisationApplication
from placements.models import Assignment, Placement, PlacementRound, SwapOffer
from programmes.models import Cohort, Programme, Track
from sessions.models import Attendance, Session
from tests.seed_fingerprints import ADDRESS, PHONE, fingerprint, fingerprints

pytestmark = pytest.mark.django_db

FINGERPRINTS = Path(__file__).parent / "data" / "seed_fingerprints.txt"

PROGRAMME_ORGANISATIONS = {
    "vng",  # VNG traineeship and the democratic craftsmanship learning programme
    "talentenregio",
    "dronten",
    "heerde",
    "zwolle",
    "av-regio",
    "gorinchem",
    "giessenlanden",
    "leerdam",
    "zederik",
    "molenwaard",
    "hardinxveld-giessendam",
}


def snapshot():
    return {
        "users": sorted(
            User.objects.values_list("email", "first_name", "last_name", "organisation__slug", "manager__email")
        ),
        "departments": sorted(Department.objects.values_list("organisation__slug", "name")),
        "roles": sorted(RoleAssignment.objects.values_list("user__email", "role", "organisation__slug")),
        "networks": sorted(
            Organisation.networks.through.objects.values_list("from_organisation__slug", "to_organisation__slug")
        ),
        "cohorts": sorted(Cohort.objects.values_list("programme__slug", "name", "status", "start_date", "end_date")),
        "enrolments": sorted(Enrolment.objects.values_list("cohort__name", "person__email", "status")),
        "sessions": sorted(Session.objects.values_list("cohort__name", "title", "date", "status")),
        "attendance": Attendance.objects.count(),
        "matches": sorted(CoachMatch.objects.values_list("participant__email", "coach__email", "status")),
        "coaching_sessions": CoachingSession.objects.count(),
        "rounds": sorted(PlacementRound.objects.values_list("cohort__name", "sequence", "status")),
        "placements": sorted(Placement.objects.values_list("trainee__email", "assignment__title", "status")),
        "offers": SwapOffer.objects.count(),
        "applications": sorted(OrganisationApplication.objects.values_list("organisation__slug", "status")),
        "notifications": Notification.objects.count(),
    }


def test_seed_demo_twice_changes_nothing_and_prints_every_login_on_one_line_in_dutch(capsys):
    call_command("seed_demo")
    first = snapshot()
    first_output = capsys.readouterr().out

    call_command("seed_demo")

    assert snapshot() == first
    output = capsys.readouterr().out
    assert output == first_output
    assert "De demogegevens staan klaar." in output and "Wachtwoord voor elke demologin: groeipad-demo" in output
    lines = output.splitlines()
    # The command prints in Dutch whatever language an earlier test left active; compare in Dutch too.
    with translation.override("nl"):
        for login in seed_demo():
            (line,) = [line for line in lines if f" {login.email} " in line]
            assert str(Role(login.role).label) in line and login.what_to_try
    assert any("hr@dronten.example" in line and "Contactpersoon van de gastorganisatie" in line for line in lines)
    assert any("begeleider@dronten.example" in line and "Begeleider" in line for line in lines)
    assert any("trainee1@vng.example" in line and "VNG-trainee" in line for line in lines)
    assert any("hr@deventer.example" in line and "democratisch vakmanschap" in line for line in lines)


def test_seeding_again_on_a_later_day_adds_nothing():
    """`make run` seeds every time it starts, also weeks later: nothing is made twice."""
    today = timezone.localdate()
    seed_demo(today=today)
    first = snapshot()

    seed_demo(today=today + timedelta(days=75))

    assert snapshot() == first


def test_a_demo_built_around_an_earlier_day_asks_the_services_nothing_they_refuse():
    """Tests seed around a fixed date; the services still check against the real clock (no slot, intake or
    extra seat in the past, no coaching session logged in the future)."""
    seed_demo(today=timezone.localdate() - timedelta(days=40))

    assert Cohort.objects.filter(status=Cohort.Status.RUNNING).count() == 6
    assert OrganisationApplication.objects.filter(status="intake_planned", intake_at__gt=timezone.now()).exists()
    assert not CoachingSession.objects.filter(date__gte=timezone.localdate()).exists()


def test_seeding_sends_no_email_and_keeps_the_messages_in_the_inboxes(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed_demo()

    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.filter(recipient__email="deelnemer01@zwolle.example").exists()
    assert not Notification.objects.exclude(email_status=Notification.EmailStatus.SKIPPED).exists()


def test_seed_demo_creates_the_organisations_of_all_five_programmes():
    seed_demo()

    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert PROGRAMME_ORGANISATIONS <= slugs
    av_members = set(Organisation.objects.get(slug="av-regio").members.values_list("slug", flat=True))
    assert av_members == {"gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"}
    assert {"dronten", "heerde"} <= set(
        Organisation.objects.get(slug="talentenregio").members.values_list("slug", flat=True)
    )


def test_every_demo_login_works_and_its_role_is_the_persons_main_role(client):
    logins = seed_demo()

    assert {login.role for login in logins} == set(Role.values)
    assert len({login.email for login in logins}) == len(logins)
    for login in logins:
        assert client.login(email=login.email, password=DEMO_PASSWORD), login.email
        person = User.objects.get(email=login.email)
        assert user_primary_role(person) == login.role, login.email
        client.logout()


NOTHING_PLANNED = "Nothing is planned for you yet."
EMPTY_STATES = [
    "You are not yet HR adviser of any organisation.",
    "Nobody reports to you yet.",
    "Nobody has been matched to you yet.",
    "Nothing waits for you right now.",
    "Nothing needs you now.",
]


def _name(email: str) -> str:
    return User.objects.get(email=email).full_name


def _expected_on_dashboards() -> dict[str, list[str]]:
    """What each demo login's dashboard must show (besides no empty state): people, sessions, links to act on."""
    coach1_coachees = [
        match.participant.full_name for match in CoachMatch.objects.filter(coach__email="coach1@zwolle.example")
    ]
    vng_coachees = [
        match.participant.full_name for match in CoachMatch.objects.filter(coach__email="coach1@vng.example")
    ]
    return {
        "hr@zwolle.example": ["Gemeente Zwolle", "active people"],
        "leidinggevende1@zwolle.example": [_name("medewerker01@zwolle.example")],
        "coach1@zwolle.example": [*coach1_coachees[:1], "Log a session with"],
        "trainer@trainingsbureau.example": ["Coming up", "Tom Rietveld", "Register attendance"],
        "loopbaanadviseur@zwolle.example": ["TMA slots to publish", _name("deelnemer01@zwolle.example")],
        "deelnemer01@zwolle.example": ["Najaarsgroep", "Book your 2 TMA sessions", "Give feedback on"],
        "deelnemer16@zwolle.example": ["Tweede lichting"],
        "medewerker20@zwolle.example": ["Zwolse Politieke Antenne", "extra seat"],
        "coordinator@vng.example": ["VNG (Vereniging van Nederlandse Gemeenten)", "active people"],
        "trainee1@vng.example": ["Trainees jaar 1", "My placements"],
        "coach1@vng.example": vng_coachees[:1],
        "begeleider@den-haag.example": ["Trainees I supervise", "Write the mid-term assessment of"],
        "democratie@vng.example": ["VNG (Vereniging van Nederlandse Gemeenten)"],
        "hr@deventer.example": ["Gemeente Deventer"],
        "programmateam@talentenregio.example": ["Talentenregio", "active people"],
        "hr@dronten.example": ["Gemeente Dronten"],
        "begeleider@dronten.example": ["Trainees I supervise"],
        "trainee1@dronten.example": ["The project market of Rotatie 2", "Rank the assignments", "My placements"],
        "po@av-regio.example": ["Regio Alblasserwaard-Vijfheerenlanden"],
        "vakmens1@gorinchem.example": ["My job swap", "VIB-pilotgroep"],
        "beheer@groeipad.example": ["organisations", "active people"],
    }


def test_every_printed_login_lands_on_a_dashboard_with_something_to_do_or_to_see(english_client):
    logins = seed_demo()
    expected = _expected_on_dashboards()
    # People who take part in something have appointments coming up; hosts, supervisors and HR do not.
    with_a_schedule = {
        "trainer@trainingsbureau.example",
        "loopbaanadviseur@zwolle.example",
        "deelnemer01@zwolle.example",
        "deelnemer16@zwolle.example",
        "medewerker20@zwolle.example",
        "trainee1@vng.example",
        "trainee1@dronten.example",
        "vakmens1@gorinchem.example",
    }

    assert {login.email for login in logins} == set(expected)
    for login in logins:
        english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # logout() clears every cookie
        assert english_client.login(email=login.email, password=DEMO_PASSWORD)
        response = english_client.get("/", follow=True)
        page = response.content.decode()

        assert response.status_code == 200, login.email
        assert response.redirect_chain[-1][0].startswith("/dashboard/"), login.email
        assert expected[login.email], login.email
        for text in expected[login.email]:
            assert text in page, (login.email, text)
        for empty in EMPTY_STATES:
            assert empty not in page, (login.email, empty)
        if login.email in with_a_schedule:
            assert NOTHING_PLANNED not in page, login.email
        english_client.logout()


def test_demo_data_uses_invented_people_only():
    """Never the names, e-mail addresses or phone numbers of the source documents (shared/seeds), checked
    against their fingerprints in tests/data, so that the test runs in any clone."""
    seed_demo()

    people = list(User.objects.all())
    assert all(person.email.split("@")[1].endswith(".example") for person in people)
    known = set(FINGERPRINTS.read_text().split())
    seeds = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    if seeds.is_dir():  # beside the sources, the fingerprints must be those of today's sources
        assert fingerprints(seeds) == sorted(known)
    assert len(known) > 100
    assert [person.full_name for person in people if person.full_name and fingerprint(person.full_name) in known] == []
    texts = [*_demo_texts(), *(person.email for person in people)]
    found = [
        fact for text in texts for fact in [*ADDRESS.findall(text), *PHONE.findall(text)] if fingerprint(fact) in known
    ]
    assert found == []


ENGLISH_WORDS = re.compile(r"\b(the|and|with|for|your|you|are|who|their|will|has|been|to)\b")


def _demo_texts() -> list[str]:
    """Every text the demo writes: programme and cohort texts, motivations, sessions, assignments, offers,
    coaching logs, explanations and the messages the services sent."""
    texts = [
        *Programme.objects.values_list("description", flat=True),
        *Track.objects.values_list("description", flat=True),
        *Cohort.objects.values_list("name", flat=True),
        *Enrolment.objects.values_list("motivation", flat=True),
        *OrganisationApplication.objects.values_list("motivation", "commitment", "questions"),
        *Session.objects.values_list("title", "location"),
        *Assignment.objects.values_list("title", "description"),
        *SwapOffer.objects.values_list("own_job", "own_job_description", "job_kinds_offered", "job_kinds_wanted"),
        *CoachingSession.objects.values_list("topics", "next_steps"),
        *CoachingNote.objects.values_list("text", flat=True),
        *CoachMatch.objects.values_list("explanation", flat=True),
        *PlacementRound.objects.values_list("name", flat=True),
        *Notification.objects.values_list("subject", "body"),
    ]
    return [text for item in texts for text in (item if isinstance(item, tuple) else (item,)) if text]


def test_every_text_the_demo_writes_is_dutch():
    seed_demo()

    texts = _demo_texts()

    assert len(texts) > 500
    assert [text for text in texts if ENGLISH_WORDS.search(text)] == []


def test_zwolle_demo_has_enough_young_employees_for_a_group_and_two_who_are_not_eligible():
    seed_demo()
    today = timezone.localdate()

    zwolle = User.objects.filter(organisation__slug="zwolle", manager__isnull=False)

    def age(person):
        born = person.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    young_ready = [p for p in zwolle if age(p) < 36 and p.introduction_completed_on is not None]
    assert len(young_ready) >= 17
    assert any(age(p) == 37 for p in zwolle)
    assert any(p.introduction_completed_on is None for p in zwolle)
