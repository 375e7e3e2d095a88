"""Demo coaching: Zwolle's coach pool (the six demo coaches, approved, three places each, about half a day
a month) and the coaching wishes of part of the Najaarsgroep. No matches: HR matches the group in one step.

Idempotent like the rest of the demo.
"""

from datetime import date, timedelta

from django.db import transaction

from accounts.models import Organisation, Role, RoleAssignment, User

from .models import CoachingWish, CoachProfile, Theme

THEMES = [
    "Leiderschap",
    "Loopbaan en ambitie",
    "Samenwerken",
    "Werk en privé",
    "Politieke sensitiviteit",
    "Persoonlijke effectiviteit",
    "Communicatie",
]

# coach e-mail → (themes, expertise, languages)
COACHES = {
    "coach1@zwolle.example": (
        ["Leiderschap", "Samenwerken"],
        "Teamleider ruimtelijke projecten, 15 jaar",
        "Nederlands",
    ),
    "coach2@zwolle.example": (["Loopbaan en ambitie", "Werk en privé"], "Beleidsadviseur jeugd", "Nederlands, English"),
    "coach3@zwolle.example": (["Communicatie", "Persoonlijke effectiviteit"], "Senior klantcontact", "Nederlands"),
    "coach4@zwolle.example": (
        ["Politieke sensitiviteit", "Leiderschap"],
        "Controller, werkte voor de griffie",
        "Nederlands",
    ),
    "coach5@zwolle.example": (["Werk en privé", "Samenwerken"], "Wijkcoördinator", "Nederlands, Deutsch"),
    "coach6@zwolle.example": (["Loopbaan en ambitie", "Communicatie"], "Projectleider omgevingswet", "Nederlands"),
}


@transaction.atomic
def seed_coaching(*, today: date) -> None:
    themes = {name: Theme.objects.get_or_create(name=name)[0] for name in THEMES}
    zwolle = Organisation.objects.get(slug="zwolle")
    hr = User.objects.filter(email="hr@zwolle.example").first()
    for index, (email, (theme_names, expertise, languages)) in enumerate(COACHES.items()):
        coach = User.objects.filter(email=email).first()
        if coach is None:
            continue
        profile, created = CoachProfile.objects.get_or_create(
            user=coach,
            defaults={
                "organisation": zwolle,
                "status": CoachProfile.Status.APPROVED,
                "expertise": expertise,
                "languages": languages,
                "hours_per_month": 4,
                "max_coachees": 3,
                # Five of six followed the short coach training; one is still to follow it.
                "coach_training_completed_on": today - timedelta(days=200 + index * 30) if index < 5 else None,
                "motivation": "Ik wil mijn ervaring delen met jonge collega's.",
                "decided_by": hr,
            },
        )
        if created:
            profile.themes.set([themes[name] for name in theme_names])
        if not RoleAssignment.objects.filter(user=coach, role=Role.COACH).exists():
            RoleAssignment.objects.create(user=coach, role=Role.COACH, organisation=zwolle)

    # A few participants of the running group said what they want to work on; the others did not (yet).
    wishes = [
        ("deelnemer01@zwolle.example", ["Leiderschap"], None),
        ("deelnemer02@zwolle.example", ["Loopbaan en ambitie"], "coach6@zwolle.example"),
        ("deelnemer03@zwolle.example", ["Politieke sensitiviteit"], None),
        ("deelnemer04@zwolle.example", ["Werk en privé", "Samenwerken"], None),
        ("deelnemer05@zwolle.example", ["Communicatie"], "coach3@zwolle.example"),
        ("deelnemer06@zwolle.example", ["Leiderschap", "Persoonlijke effectiviteit"], None),
    ]
    for email, theme_names, preferred in wishes:
        participant = User.objects.filter(email=email).first()
        if participant is None or CoachingWish.objects.filter(participant=participant).exists():
            continue
        wish = CoachingWish.objects.create(
            participant=participant,
            preferred_coach=User.objects.filter(email=preferred).first() if preferred else None,
            avoid_own_department=True,
        )
        wish.themes.set([themes[name] for name in theme_names])
