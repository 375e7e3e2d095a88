"""Joint project teams, composed by HR after the swaps: teams of three or four current members that mix
municipalities, each hosted by one of the programme's organisations."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from programmes.models import Cohort
from programmes.services import cohort_lock

from ..models import ProjectTeam
from .rules import check_hr, check_job_swap, current_member_ids, person_name
from .scope import swap_members
from .selectors import host_organisation_choices


@dataclass
class TeamProposal:
    name: str
    members: list[User]
    host_organisation: Organisation | None

    @property
    def municipality_count(self) -> int:
        return len({person.organisation_id for person in self.members})

    @property
    def works_at_host(self) -> list[User]:
        if self.host_organisation is None:
            return []
        return [person for person in self.members if person.organisation_id == self.host_organisation.pk]

    @property
    def member_ids(self) -> str:
        return ",".join(str(person.pk) for person in self.members)


def project_team_sizes(*, count: int, size: int = 4) -> list[int]:
    """Teams of 3 to `size` people, as equal as possible, largest first; a group of 3 to 5 is one team."""
    if size < 3:
        raise ValidationError(_("A joint project team has at least three people."), code="size_too_small")
    if count < 3:
        raise ValidationError(_("At least three current members are needed for a joint project team."), code="too_few")
    number = -(-count // size)
    while number > 1 and count < 3 * number:
        number -= 1
    base, larger = divmod(count, number)
    return [base + 1] * larger + [base] * (number - larger)


def project_teams_propose(*, cohort: Cohort, size: int = 4) -> list[TeamProposal]:
    """Teams of 3–`size` current members that mix municipalities, each with a host organisation where none of
    its members works if that is possible. Reads only; deterministic (by municipality, name and id).

    Members are listed municipality by municipality (the largest first) and dealt round the teams like cards,
    so the people of one municipality land in different teams: every team has people of at least two
    municipalities when the cohort has them, and as many as the numbers allow. Each team's host is the
    participating organisation where the fewest of its members work, then the one hosting the fewest teams so
    far, then by name.
    """
    members = list(swap_members(cohort=cohort))
    sizes = project_team_sizes(count=len(members), size=size)
    by_municipality: dict[int | None, list[User]] = defaultdict(list)
    for person in members:
        by_municipality[person.organisation_id].append(person)
    ordered = [
        person
        for _organisation, people in sorted(
            by_municipality.items(), key=lambda item: (-len(item[1]), item[1][0].organisation.name if item[0] else "")
        )
        for person in people
    ]
    teams: list[list[User]] = [[] for _size in sizes]
    for index, person in enumerate(ordered):
        teams[index % len(sizes)].append(person)

    hosts = list(host_organisation_choices(cohort=cohort))
    hosting: dict[int, int] = defaultdict(int)
    proposals = []
    for number, people in enumerate(teams, start=1):
        host = None
        if hosts:
            host = min(
                hosts,
                key=lambda organisation, people=people: (
                    sum(person.organisation_id == organisation.pk for person in people),
                    hosting[organisation.pk],
                    organisation.name,
                ),
            )
            hosting[host.pk] += 1
        proposals.append(
            TeamProposal(name=_("Project team %(number)s") % {"number": number}, members=people, host_organisation=host)
        )
    return proposals


def _clean_team(*, cohort: Cohort, name: str, project: str, host_organisation, members) -> dict:
    if (
        host_organisation is not None
        and not cohort.programme.participating_organisations.filter(pk=host_organisation.pk).exists()
    ):
        raise ValidationError({"host_organisation": _("Choose one of the programme's organisations.")}, code="bad_host")
    current = current_member_ids(cohort)
    people = list(members)
    outsiders = [person for person in people if person.pk not in current]
    if outsiders:
        raise ValidationError(
            {"members": _("%(name)s is not a current member of this group.") % {"name": person_name(outsiders[0])}},
            code="not_member",
        )
    if len({person.pk for person in people}) < 2:
        raise ValidationError({"members": _("A joint project team needs at least two members.")}, code="too_small")
    return {"name": name, "project": project, "host_organisation": host_organisation, "members": people}


@transaction.atomic
def project_team_save(
    *,
    cohort: Cohort,
    by: User,
    name: str,
    members,
    project: str = "",
    host_organisation: Organisation | None = None,
    team: ProjectTeam | None = None,
) -> ProjectTeam:
    """Create a team (or change `team`). Members are current members of the cohort; someone in another team of
    the cohort moves to this one, so everybody is in one team at most. The name and project come as
    ``ProjectTeamForm`` cleans them."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    check_hr(user=by, cohort=cohort)
    check_job_swap(cohort)
    if team is not None and team.cohort_id != cohort.pk:
        raise PermissionDenied(_("This team belongs to another group."))
    cleaned = _clean_team(
        cohort=cohort, name=name, project=project, host_organisation=host_organisation, members=members
    )
    people = cleaned.pop("members")
    if team is None:
        team = ProjectTeam.objects.create(cohort=cohort, **cleaned)
    else:
        for key, value in cleaned.items():
            setattr(team, key, value)
        team.save()
    for other in ProjectTeam.objects.filter(cohort=cohort).exclude(pk=team.pk):
        other.members.remove(*people)
    team.members.set(people)
    return team


@transaction.atomic
def project_teams_replace(*, cohort: Cohort, by: User, teams: list[dict]) -> list[ProjectTeam]:
    """Replace the cohort's teams with `teams` (each: name, members, host_organisation, project), e.g. a reviewed
    proposal. Everyone in one team at most."""
    cohort = cohort_lock(cohort_id=cohort.pk)
    check_hr(user=by, cohort=cohort)
    check_job_swap(cohort)
    if not teams:
        raise ValidationError(_("Propose at least one team."), code="no_teams")
    cleaned = [
        _clean_team(
            cohort=cohort,
            name=team["name"],
            project=team.get("project", ""),
            host_organisation=team.get("host_organisation"),
            members=team["members"],
        )
        for team in teams
    ]
    seen: set[int] = set()
    for team in cleaned:
        for person in team["members"]:
            if person.pk in seen:
                raise ValidationError(
                    _("%(name)s is in more than one team.") % {"name": person_name(person)}, code="twice"
                )
            seen.add(person.pk)
    ProjectTeam.objects.filter(cohort=cohort).delete()
    created = []
    for team in cleaned:
        people = team.pop("members")
        saved = ProjectTeam.objects.create(cohort=cohort, **team)
        saved.members.set(people)
        created.append(saved)
    return created
