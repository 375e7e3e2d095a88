"""Every kind of message Groeipad sends: one enumeration, as saleor's `OrderEvents`.

A value is stored in `Notification.event` (so a value never changes once it has been sent) and names the
templates notifications/events/<value>/subject.txt and body.txt. `notify()` accepts only these; a new
message is a new member here plus its two templates (tests/notifications/test_events.py checks both ways).
The labels are left to Django (made from the names): people never see an event, only its rendered subject
and body, and the admin lists the stored value.
"""

from django.db import models


class Event(models.TextChoices):
    # participants: the enrolment state machine
    ENROLMENT_APPROVAL_REQUESTED = "enrolment_approval_requested"
    ENROLMENT_APPROVED = "enrolment_approved"
    ENROLMENT_REJECTED = "enrolment_rejected"
    ENROLMENT_OVERRIDDEN = "enrolment_overridden"
    ENROLMENT_PLACED = "enrolment_placed"
    ENROLMENT_MOVED_UP = "enrolment_moved_up"
    ENROLMENT_WAITLISTED = "enrolment_waitlisted"
    ENROLMENT_WAITLIST_POSITION_CHANGED = "enrolment_waitlist_position_changed"
    ENROLMENT_WINDOW_EXPIRED_MANAGER = "enrolment_window_expired_manager"
    ENROLMENT_WINDOW_EXPIRED_HR = "enrolment_window_expired_hr"
    ENROLMENT_WITHOUT_MANAGER = "enrolment_without_manager"
    COHORT_READY_TO_START = "cohort_ready_to_start"

    # coaching: the coach pool, matches and reminders
    COACH_INVITED = "coach_invited"
    COACH_APPROVED = "coach_approved"
    COACH_DECLINED = "coach_declined"
    COACH_VOLUNTEERED = "coach_volunteered"
    COACH_MATCH_INTRODUCED = "coach_match_introduced"
    COACH_MATCH_CONFIRMED = "coach_match_confirmed"
    COACH_REMATCH_REQUESTED = "coach_rematch_requested"
    COACH_NO_LOG_REMINDER = "coach_no_log_reminder"
    PARTICIPANT_WITHOUT_COACH_REMINDER = "participant_without_coach_reminder"

    # sessions: schedule changes, reminders, electives, extra seats, TMA bookings
    SESSION_MOVED = "session_moved"
    SESSION_CANCELLED = "session_cancelled"
    SESSION_REMINDER = "session_reminder"
    ELECTIVE_VOTE_OPENED = "elective_vote_opened"
    ELECTIVE_CHOSEN = "elective_chosen"
    EXTRA_SEAT_CONFIRMED = "extra_seat_confirmed"
    TMA_BOOKED = "tma_booked"
    TMA_BOOKING_CANCELLED = "tma_booking_cancelled"

    # placements: the market, placements, assignments and job swaps
    MARKET_OPENED = "market_opened"
    PLACEMENT_PUBLISHED = "placement_published"
    PLACEMENT_SUPERVISOR_INFORMED = "placement_supervisor_informed"
    PLACEMENT_CONTACT_INFORMED = "placement_contact_informed"
    ASSIGNMENT_SUBMITTED = "assignment_submitted"
    ASSIGNMENT_REVIEWED = "assignment_reviewed"
    SWAP_PROPOSED = "swap_proposed"
    SWAP_APPROVAL_REQUESTED = "swap_approval_requested"
    SWAP_DECLINED = "swap_declined"
    SWAP_FINAL = "swap_final"
