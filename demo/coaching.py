"""Demo coaching, made with the coaching services as HR, coaches and participants use them:

- Zwolle's coach pool: eleven colleagues volunteered (about half a day a month, up to three coachees) and HR
  approved them; one is still to follow the short coach training.
- The Najaarsgroep is matched (the optimiser's proposal, published by HR), most pairs confirmed the click,
  and the coaches logged a few sessions with a note shared with the participant (and now and then a private
  one); a participant added a reflection.
- The Tweede lichting has just started: some participants said what they want to work on, nobody has a coach
  yet, so HR can match the group in one step.
- VNG: three personal coaches for the trainees of both year groups, every trainee matched.

Idempotent like the rest of the demo: a coach with a profile, a participant with a wish and a cohort with
matches are left as they are.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coaching.logs import coaching_reflection_save, coaching_session_log
from coaching.matches import (
    coach_match_confirm,
    coach_matches_publish,
    coaches_for_cohort,
    coaching_wish_save,
    cohort_coach_proposal,
    current_members,
)
from coaching.models import CoachingWish, CoachMatch, CoachProfile, Theme
from coaching.pool import coach_approve, coach_volunteer
from demo.programmes import NAJAARSGROEP, VNG_YEAR_GROUPS
from programmes.models import Cohort

THEMES = [
    "Leiderschap",
    "Loopbaan en ambitie",
    "Samenwerken",
    "Werk en privé",
    "Politieke sensitiviteit",
    "Persoonlijke effectiviteit",
    "Communicatie",
]

# coach e-mail → (themes, expertise, languages, places)
COACHES = {
    "coach1@zwolle.example": (
        ["Leiderschap", "Samenwerken"],
        "Teamleider ruimtelijke projecten, 15 jaar",
        "Nederlands",
    ),
    "coach2@zwolle.example": (["Loopbaan en ambitie", "Werk en privé"], "Beleidsadviseur jeugd", "Nederlands, Engels"),
    "coach3@zwolle.example": (["Communicatie", "Persoonlijke effectiviteit"], "Senior klantcontact", "Nederlands"),
    "coach4@zwolle.example": (
        ["Politieke sensitiviteit", "Leiderschap"],
        "Controller, werkte bij de griffie",
        "Nederlands",
    ),
    "coach5@zwolle.example": (["Werk en privé", "Samenwerken"], "Wijkcoördinator", "Nederlands, Duits"),
    "coach6@zwolle.example": (["Loopbaan en ambitie", "Communicatie"], "Projectleider Omgevingswet", "Nederlands"),
    "coach7@zwolle.example": (["Persoonlijke effectiviteit", "Werk en privé"], "Teamleider burgerzaken", "Nederlands"),
    "coach8@zwolle.example": (["Politieke sensitiviteit", "Samenwerken"], "Adviseur planning en control", "Nederlands"),
    "coach9@zwolle.example": (["Leiderschap", "Communicatie"], "Stedenbouwkundige", "Nederlands, Engels"),
    "coach10@zwolle.example": (["Loopbaan en ambitie", "Samenwerken"], "Senior beleidsadviseur zorg", "Nederlands"),
    "coach11@zwolle.example": (["Loopbaan en ambitie", "Persoonlijke effectiviteit"], "Loopbaanadviseur", "Nederlands"),
    "coach1@vng.example": (["Loopbaan en ambitie", "Politieke sensitiviteit"], "Coach en oud-trainee", "Nederlands"),
    "coach2@vng.example": (["Persoonlijke effectiviteit", "Communicatie"], "Organisatieadviseur", "Nederlands, Engels"),
    "coach3@vng.example": (["Leiderschap", "Samenwerken"], "Oud-gemeentesecretaris", "Nederlands"),
}
MOTIVATION = "Ik wil mijn ervaring delen met jonge collega's en help ze graag hun eigen weg te vinden."

# participant → (themes, preferred coach or None, note for HR)
WISHES = {
    "deelnemer01@zwolle.example": (["Leiderschap"], "coach1@zwolle.example", ""),
    "deelnemer02@zwolle.example": (["Loopbaan en ambitie"], "coach6@zwolle.example", ""),
    "deelnemer03@zwolle.example": (["Politieke sensitiviteit"], None, ""),
    "deelnemer04@zwolle.example": (["Werk en privé", "Samenwerken"], None, "Liefst iemand buiten het stadhuis."),
    "deelnemer05@zwolle.example": (["Communicatie"], "coach3@zwolle.example", ""),
    "deelnemer06@zwolle.example": (["Leiderschap", "Persoonlijke effectiviteit"], None, ""),
    "deelnemer17@zwolle.example": (["Loopbaan en ambitie"], None, "Ik twijfel over de volgende stap."),
    "deelnemer18@zwolle.example": (["Communicatie", "Samenwerken"], "coach9@zwolle.example", ""),
    "deelnemer19@zwolle.example": (["Politieke sensitiviteit"], None, ""),
    "deelnemer21@zwolle.example": (["Werk en privé"], None, ""),
    "deelnemer22@zwolle.example": (["Leiderschap"], None, ""),
}

# What the coaches logged: (topics, next steps, note shared with the participant, private note).
SESSION_LOGS = [
    (
        "Kennismaking, verwachtingen en doelen",
        "Doelen voor de komende maanden op papier zetten",
        "Fijn kennisgemaakt. Je wilt werken aan zichtbaarheid in overleggen; we spreken elke maand af.",
        "",
    ),
    (
        "Feedback geven aan een collega",
        "Het gesprek met je collega voorbereiden met de STARR-methode",
        "Goed dat je het lastige gesprek durft aan te gaan. Oefen de opening hardop.",
        "Ziet op tegen het gesprek met de teamleider; volgende keer naar vragen.",
    ),
    (
        "Politieke sensitiviteit: de raadsvergadering van vorige week",
        "Een wethouder of raadslid vragen voor een kop koffie",
        "Je zag scherp wat er bestuurlijk speelde. Zoek het gesprek op, dat past bij je.",
        "",
    ),
]


def _pool(*, today: date) -> None:
    themes = {name: Theme.objects.get_or_create(name=name)[0] for name in THEMES}
    approvers = {
        "zwolle": User.objects.get(email="hr@zwolle.example"),
        "vng": User.objects.get(email="coordinator@vng.example"),
    }
    for index, (email, (theme_names, expertise, languages)) in enumerate(COACHES.items()):
        coach = User.objects.filter(email=email).select_related("organisation").first()
        if coach is None or CoachProfile.objects.filter(user=coach).exists():
            continue
        is_vng = coach.organisation.slug == "vng"
        profile = coach_volunteer(
            user=coach,
            themes=[themes[name] for name in theme_names],
            expertise=expertise,
            languages=languages,
            hours_per_month=4,
            max_coachees=4 if is_vng else 3,
            # One of Zwolle's coaches still has to follow the short coach training.
            coach_training_completed_on=None
            if email == "coach11@zwolle.example"
            else min(today, timezone.localdate()) - timedelta(days=200 + index * 20),
            motivation=MOTIVATION,
        )
        coach_approve(profile=profile, by=approvers[coach.organisation.slug])


def _wishes() -> None:
    themes = {theme.name: theme for theme in Theme.objects.all()}
    for email, (theme_names, preferred, note) in WISHES.items():
        participant = User.objects.filter(email=email).first()
        if participant is None or CoachingWish.objects.filter(participant=participant).exists():
            continue
        coaching_wish_save(
            participant=participant,
            themes=[themes[name] for name in theme_names],
            preferred_coach=User.objects.filter(email=preferred).first() if preferred else None,
            avoid_own_department=True,
            note_for_hr=note,
        )


def _match(cohort: Cohort, *, by: User) -> list[CoachMatch]:
    """HR proposes coaches for the whole group and publishes the proposal, as on the Coach matching page."""
    members = list(current_members(cohort=cohort))
    coaches = list(coaches_for_cohort(cohort=cohort))
    proposals, _wishes = cohort_coach_proposal(cohort=cohort, members=members, coaches=coaches)
    pairs = [(proposal.participant, proposal.coach_user) for proposal in proposals if proposal.coach is not None]
    return coach_matches_publish(cohort=cohort, pairs=pairs, by=by) if pairs else []


def _click_and_logs(matches: list[CoachMatch], *, since: date, today: date, sessions: int) -> None:
    """Both sides confirm the click (the last pair has yet to); the coach logs up to `sessions` sessions."""
    for index, match in enumerate(matches):
        if index == len(matches) - 1 and len(matches) > 2:
            continue  # just introduced: the click is still to be confirmed
        coach_match_confirm(match=match, by=match.coach)
        coach_match_confirm(match=match, by=match.participant)
        days = max((today - since).days, 1)
        for number in range(min(sessions, 1 + index % sessions)):
            topics, next_steps, shared, private = SESSION_LOGS[number]
            logged = coaching_session_log(
                match=match,
                coach=match.coach,
                date=min(since + timedelta(days=days * (number + 1) // (sessions + 1) + index % 6), today),
                duration_minutes=[60, 75, 90][number],
                topics=topics,
                next_steps=next_steps,
                shared_note=shared,
                private_note=private,
            )
            if index == 0 and number == 0:
                coaching_reflection_save(
                    session=logged,
                    participant=match.participant,
                    visibility="shared",
                    text="Het hielp om mijn doelen hardop te zeggen. Ik merk dat ik al vaker het woord neem.",
                )


@transaction.atomic
def seed_coaching(*, today: date) -> None:
    _pool(today=today)
    _wishes()
    zwolle_hr = User.objects.get(email="hr@zwolle.example")
    vng_hr = User.objects.get(email="coordinator@vng.example")
    groups = [
        (Cohort.objects.filter(programme__owner__slug="zwolle", name=NAJAARSGROEP).first(), zwolle_hr, 3),
        *(
            (Cohort.objects.filter(programme__owner__slug="vng", name=name).first(), vng_hr, 2)
            for name in VNG_YEAR_GROUPS.values()
        ),
    ]
    for cohort, hr, sessions in groups:
        if (
            cohort is None
            or cohort.status != Cohort.Status.RUNNING
            or CoachMatch.objects.filter(cohort=cohort).exists()
        ):
            continue
        matches = _match(cohort, by=hr)
        # HR matched the group two weeks after its start, not on the day the demo was loaded.
        matched_on = timezone.make_aware(datetime.combine(cohort.start_date + timedelta(days=14), time(10)))
        CoachMatch.objects.filter(pk__in=[match.pk for match in matches]).update(published_at=matched_on)
        _click_and_logs(
            sorted(matches, key=lambda match: match.participant.email),
            since=cohort.start_date + timedelta(days=14),
            # Sessions are logged after they took place: before today, by the real clock too.
            today=min(today, timezone.localdate()) - timedelta(days=1),
            sessions=sessions,
        )
    # The Tweede lichting is left to match: the wishes above are all HR has to go on.
