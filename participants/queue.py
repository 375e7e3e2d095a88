"""The queue of a cohort: who gets the free seats. Pure rules, no ORM (``services`` does the database work).

Seats go to requests in the order they were made, not in the order managers decide (domain.md: "groups are
filled in order of enrolment"; "the moment of request decides order"):

- The queue is a cohort's live requests that have no seat yet, by moment of request (ties by id).
- A request *claims* a seat when it is approved, or when it waits for its manager within its decision window
  (it *holds* its place). A request whose window ran out undecided claims nothing until it is approved; it
  keeps its position in the order, so once approved it goes ahead of everyone who asked later.
- The first ``free_seats`` claimers get the free seats: an approved one is placed, a waiting one holds its
  seat. Every later claimer is in line, numbered 1, 2, … (the waitlist). Numbers are unique.
- People who already have a seat are not in the queue: a placed person never loses a seat to an earlier request.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Standing(StrEnum):
    TO_PLACE = "to_place"  # approved and within the free seats: is (or is to be) placed
    HOLDING = "holding"  # waits for the manager within its window, and a free seat is kept for it
    IN_LINE = "in_line"  # approved or holding, but beyond the free seats: on the waitlist with a number
    RELEASED = "released"  # waits for the manager after its window ran out: keeps its order, claims no seat


@dataclass(frozen=True)
class QueuedRequest:
    id: int
    requested_at: datetime
    approved: bool
    window_open: bool


@dataclass(frozen=True)
class QueuePlace:
    id: int
    standing: Standing
    position: int  # 1 for the earliest request in the queue (for HR's overview)
    line_number: int | None  # 1 for the first on the waitlist; None unless IN_LINE


def cohort_queue(requests: Iterable[QueuedRequest], *, free_seats: int) -> list[QueuePlace]:
    """Each request's standing, in queue order."""
    free_seats = max(free_seats, 0)
    places = []
    claimers = 0
    for position, request in enumerate(sorted(requests, key=lambda r: (r.requested_at, r.id)), start=1):
        if not (request.approved or request.window_open):
            places.append(QueuePlace(request.id, Standing.RELEASED, position, None))
            continue
        claimers += 1
        if claimers <= free_seats:
            standing = Standing.TO_PLACE if request.approved else Standing.HOLDING
            places.append(QueuePlace(request.id, standing, position, None))
        else:
            places.append(QueuePlace(request.id, Standing.IN_LINE, position, claimers - free_seats))
    return places
