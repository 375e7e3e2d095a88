"""The schedule planner: from a curriculum template and a first date, every session of a cohort.

Sessions fall on the template's weekday, every `interval_weeks` weeks. A date that is a Dutch public
holiday or lies in one of the template's breaks (Kerstvakantie, Zomervakantie, … of every region or of the
template's school-holiday region) is skipped, and the rhythm continues: the session moves to the next date
in the rhythm, so an every-two-weeks programme stays on its fortnight (Zwolle's pilot: 10 Dec, then, past
the break, 7 Jan). Public holidays are core.workdays' calendar with the programme owner's 5 May rule
(Organisation.liberation_day_every_year). Given the cohort's end date, the proposal names the sessions that
fall after it. The proposal is a plain list that HR reviews and adjusts before anything is saved.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.workdays import dutch_public_holidays

from .models import CurriculumTemplate, SessionKind, TemplateBreak

# A safety net against a template whose every date is skipped (e.g. a break of a whole year).
MAX_SKIPS_IN_A_ROW = 26


@dataclass
class ProposedSession:
    kind: str
    title: str
    date: date
    start_time: time
    end_time: time
    cost: Decimal = Decimal("0.00")
    is_open_for_extra: bool = False

    @property
    def kind_label(self) -> str:
        return str(SessionKind(self.kind).label)


@dataclass
class SkippedDate:
    date: date
    reason: str


@dataclass
class ScheduleProposal:
    sessions: list[ProposedSession] = field(default_factory=list)
    skipped: list[SkippedDate] = field(default_factory=list)
    end: date | None = None  # the cohort's end date, when it has one

    @property
    def past_end(self) -> list[ProposedSession]:
        """The proposed sessions that fall after the cohort's end date."""
        if self.end is None:
            return []
        return [session for session in self.sessions if session.date > self.end]


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def in_break(day: date, *, start: str, end: str) -> bool:
    """True when `day` lies in the break from `start` to `end` (both "MM-DD", inclusive, across new year)."""
    first, last = _month_day(start), _month_day(end)
    today = (day.month, day.day)
    if first <= last:
        return first <= today <= last
    return today >= first or today <= last


def first_date_on_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def schedule_propose(*, template: CurriculumTemplate, start: date, end: date | None = None) -> ScheduleProposal:
    """Every session of the template from `start` on (moved forward to the template's weekday), in order.

    Reads the template's items (ordered by position; an item with repeat_count N gives N sessions,
    numbered "title 1" … "title N" when N > 1), its breaks and its programme owner's 5 May rule.
    `end` is the cohort's end date: the proposal's `past_end` lists the sessions after it. No database writes.
    """
    items = sorted(template.items.all(), key=lambda item: item.position)
    proposal = ScheduleProposal(end=end)
    if not items:
        return proposal
    breaks = [template_break for template_break in template.breaks.all() if template_break.applies_to(template)]
    step = timedelta(weeks=template.interval_weeks)
    total = sum(item.repeat_count for item in items)
    last_possible = start + step * (total + MAX_SKIPS_IN_A_ROW * 2)
    public_holidays = (
        dutch_public_holidays(
            range(start.year, last_possible.year + 1),
            liberation_day_every_year=template.programme.owner.liberation_day_every_year,
        )
        if template.skip_public_holidays
        else {}
    )
    candidate = first_date_on_weekday(start, template.weekday)
    for item in items:
        for number in range(1, item.repeat_count + 1):
            skips = 0
            while reason := _skip_reason(candidate, breaks=breaks, public_holidays=public_holidays):
                proposal.skipped.append(SkippedDate(date=candidate, reason=reason))
                candidate += step
                skips += 1
                if skips > MAX_SKIPS_IN_A_ROW:
                    raise ValidationError(
                        _("The template's breaks and holidays leave no date to plan on; check the breaks.")
                    )
            title = item.title if item.repeat_count == 1 else f"{item.title} {number}"
            proposal.sessions.append(
                ProposedSession(
                    kind=item.kind,
                    title=title,
                    date=candidate,
                    start_time=item.start_time,
                    end_time=item.end_time,
                    cost=item.cost,
                    is_open_for_extra=item.is_open_for_extra,
                )
            )
            candidate += step
    return proposal


def _skip_reason(day: date, *, breaks: list[TemplateBreak], public_holidays: dict[date, str]) -> str:
    if day in public_holidays:
        return _("Public holiday: %(name)s") % {"name": public_holidays[day]}
    for template_break in breaks:
        if in_break(day, start=template_break.starts_on, end=template_break.ends_on):
            return _("Break: %(name)s") % {"name": template_break.name}
    return ""
