"""Individual TMA sessions: career advisers publish slots, participants book and cancel their three sessions."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from notifications.models import Notification
from participants.models import Enrolment
from sessions import slots as tma
from sessions.models import AvailabilitySlot
from tests.factories import (
    AvailabilitySlotFactory,
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    with_role,
)

from .conftest import make_members


def local(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_default_timezone())


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def slot_for(running, *, days: int = 10, hour: int = 9, adviser=None, **kwargs) -> AvailabilitySlot:
    starts_at = local(in_days(days), hour)
    return AvailabilitySlotFactory(
        adviser=adviser or running.career_adviser,
        cohort=running.cohort,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        **kwargs,
    )


def slot_state(slot: AvailabilitySlot) -> tuple:
    slot.refresh_from_db()
    return (slot.booked_by_id, slot.booked_at, slot.sequence_number)


def publish_data(cohort, **overrides) -> dict:
    data = {
        "cohort": cohort.pk,
        "day": in_days(14).isoformat(),
        "first_start": "09:00",
        "minutes": "60",
        "count": "3",
        "location": "BLIK Loopbaancentrum, kamer 3",
    }
    data.update(overrides)
    return data


# --- publishing ----------------------------------------------------------------------------------------------


def test_a_career_adviser_publishes_a_series_of_slots_for_a_cohort_of_their_organisation(running, english_client):
    # given the career adviser of Zwolle
    english_client.force_login(running.career_adviser)

    # when they publish three slots of an hour from 9:00 in two weeks
    response = english_client.post(reverse("sessions:slots"), publish_data(running.cohort), follow=True)

    # then three consecutive slots exist at local times, for the cohort, at the place given
    slots = list(AvailabilitySlot.objects.filter(adviser=running.career_adviser).order_by("starts_at"))
    day = in_days(14)
    assert [(slot.starts_at, slot.ends_at) for slot in slots] == [
        (local(day, 9), local(day, 10)),
        (local(day, 10), local(day, 11)),
        (local(day, 11), local(day, 12)),
    ]
    assert {slot.cohort_id for slot in slots} == {running.cohort.pk}
    assert {slot.location for slot in slots} == {"BLIK Loopbaancentrum, kamer 3"}
    assert {slot.booked_by_id for slot in slots} == {None}
    assert "3 slot(s) published." in response.content.decode()


def test_the_publishing_form_offers_sixty_minutes_by_default(running, english_client):
    english_client.force_login(running.career_adviser)

    response = english_client.get(reverse("sessions:slots"))

    assert response.status_code == 200
    assert response.context["form"]["minutes"].value() == 60
    assert list(response.context["form"].fields["cohort"].queryset) == [running.cohort]


def test_publishing_a_series_that_overlaps_an_existing_slot_publishes_nothing(running, english_client):
    # given a slot at 10:00 on the day
    existing = slot_for(running, days=14, hour=10)
    english_client.force_login(running.career_adviser)

    # when the adviser publishes 9:00–12:00 that day
    response = english_client.post(reverse("sessions:slots"), publish_data(running.cohort))

    # then nothing was published (not even 9:00) and the adviser is told why
    assert response.status_code == 200
    assert list(AvailabilitySlot.objects.values_list("pk", flat=True)) == [existing.pk]
    assert "overlap a slot you already published at 10:00" in response.content.decode()


def test_another_advisers_slot_at_the_same_time_is_no_overlap(running):
    other_adviser = with_role(UserFactory(organisation=running.organisation), Role.CAREER_ADVISER, running.organisation)
    slot_for(running, days=14, hour=10, adviser=other_adviser)

    published = tma.slots_publish(
        adviser=running.career_adviser,
        cohort=running.cohort,
        day=in_days(14),
        first_start=time(9),
        minutes=60,
        count=2,
        location="",
    )

    assert len(published) == 2


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"day": (timezone.localdate() - timedelta(days=1)).isoformat()}, "The first slot must be in the future."),
        ({"count": "13"}, "Ensure this value is less than or equal to 12."),
        ({"count": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"first_start": "20:00", "count": "5"}, "The slots must end on the same day"),
    ],
)
def test_invalid_series_are_refused_and_publish_nothing(running, english_client, overrides, error):
    english_client.force_login(running.career_adviser)

    response = english_client.post(reverse("sessions:slots"), publish_data(running.cohort, **overrides))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert AvailabilitySlot.objects.count() == 0


def test_the_service_refuses_a_series_of_more_than_twelve_slots(running):
    with pytest.raises(ValidationError) as refused:
        tma.slots_publish(
            adviser=running.career_adviser,
            cohort=running.cohort,
            day=in_days(14),
            first_start=time(8),
            minutes=15,
            count=13,
            location="",
        )

    assert refused.value.message_dict == {"count": ["Publish between 1 and 12 slots a day."]}
    assert AvailabilitySlot.objects.count() == 0


def test_a_career_adviser_of_another_organisation_cannot_publish_for_this_cohort(running, client):
    # given a career adviser of Kampen
    kampen = OrganisationFactory(name="Gemeente Kampen", slug="kampen")
    stranger = with_role(UserFactory(organisation=kampen), Role.CAREER_ADVISER, kampen)
    CohortFactory(programme=ProgrammeFactory(owner=kampen))
    client.force_login(stranger)

    # when they post slots for Zwolle's cohort, or ask for its form
    posted = client.post(reverse("sessions:slots"), publish_data(running.cohort))
    asked = client.get(reverse("sessions:slots") + f"?cohort={running.cohort.pk}")

    # then both answer 404 and nothing was published
    assert posted.status_code == 404
    assert asked.status_code == 404
    assert AvailabilitySlot.objects.count() == 0


@pytest.mark.parametrize("who", ["hr", "trainer", "outsider"])
def test_people_without_the_career_adviser_role_do_not_reach_the_slots_page(running, client, who):
    client.force_login(getattr(running, who))

    assert client.get(reverse("sessions:slots")).status_code == 404
    assert client.post(reverse("sessions:slots"), publish_data(running.cohort)).status_code == 404
    assert AvailabilitySlot.objects.count() == 0


def test_the_adviser_withdraws_an_unbooked_slot(running, english_client):
    slot = slot_for(running)
    english_client.force_login(running.career_adviser)

    response = english_client.post(reverse("sessions:slot_withdraw", args=[slot.pk]), follow=True)

    assert not AvailabilitySlot.objects.filter(pk=slot.pk).exists()
    assert "The slot has been withdrawn." in response.content.decode()


def test_a_booked_slot_cannot_be_withdrawn(running, english_client):
    slot = slot_for(running)
    tma.slot_book(slot=slot, person=running.members[0])
    before = slot_state(slot)
    english_client.force_login(running.career_adviser)

    response = english_client.post(reverse("sessions:slot_withdraw", args=[slot.pk]), follow=True)

    assert slot_state(slot) == before
    assert "This slot has been booked, so it cannot be withdrawn." in response.content.decode()


def test_an_adviser_cannot_withdraw_another_advisers_slot(running, client):
    other_adviser = with_role(UserFactory(organisation=running.organisation), Role.CAREER_ADVISER, running.organisation)
    slot = slot_for(running, adviser=other_adviser)
    client.force_login(running.career_adviser)

    response = client.post(reverse("sessions:slot_withdraw", args=[slot.pk]))

    assert response.status_code == 404
    assert AvailabilitySlot.objects.filter(pk=slot.pk).exists()


def test_the_slots_page_lists_upcoming_slots_with_who_booked_them(running, english_client):
    booked = slot_for(running, hour=9)
    slot_for(running, hour=10)
    slot_for(running, days=-2)  # past: not listed
    member = running.members[0]
    tma.slot_book(slot=booked, person=member)
    english_client.force_login(running.career_adviser)

    response = english_client.get(reverse("sessions:slots"))

    page = response.context["page"]
    assert [slot.starts_at for slot in page.object_list] == [local(in_days(10), 9), local(in_days(10), 10)]
    content = response.content.decode()
    assert member.full_name in content
    assert "TMA 1" in content
    assert "2 upcoming slots" in content


@pytest.mark.parametrize("count", [3, 30])
def test_the_slots_page_needs_the_same_number_of_queries_however_many_slots(
    running, client, django_assert_max_num_queries, count
):
    for index in range(count):
        slot = slot_for(running, days=10 + index // 6, hour=8 + index % 6)
        if index % 2 == 0:
            member = running.members[index % len(running.members)]
            AvailabilitySlot.objects.filter(pk=slot.pk).update(
                booked_by=member, booked_at=timezone.now(), sequence_number=100 + index
            )
    client.force_login(running.career_adviser)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("sessions:slots"))

    assert len(response.context["page"].object_list) == count


# --- booking -------------------------------------------------------------------------------------------------


def test_a_member_books_a_free_slot_and_gets_tma_number_one(running, english_client):
    # given a free slot of the member's cohort
    slot = slot_for(running)
    member = running.members[0]
    english_client.force_login(member)

    # when the member books it
    response = english_client.post(reverse("sessions:tma_book", args=[slot.pk]), follow=True)

    # then it is theirs as TMA session 1, and both they and the adviser are told once
    slot.refresh_from_db()
    assert (slot.booked_by_id, slot.sequence_number) == (member.pk, 1)
    assert slot.booked_at is not None
    assert "TMA session 1 is booked." in response.content.decode()
    notifications = Notification.objects.filter(event="tma_booked")
    assert sorted(notifications.values_list("recipient_id", flat=True)) == sorted(
        [member.pk, running.career_adviser.pk]
    )
    assert {notification.key for notification in notifications} == {f"slot-{slot.pk}-{slot.booked_at.isoformat()}"}
    assert {notification.action_url for notification in notifications} == {
        reverse("sessions:tma_booking"),
        reverse("sessions:slots"),
    }


def test_bookings_take_numbers_one_two_three_and_a_fourth_is_refused(running):
    member = running.members[0]
    slots = [slot_for(running, hour=hour) for hour in (9, 10, 11, 12)]

    numbers = [tma.slot_book(slot=slot, person=member).sequence_number for slot in slots[:3]]
    with pytest.raises(ValidationError) as refused:
        tma.slot_book(slot=slots[3], person=member)

    assert numbers == [1, 2, 3]
    assert refused.value.messages == ["You have already booked your 3 TMA sessions."]
    assert slot_state(slots[3]) == (None, None, None)


def test_a_cancelled_number_is_the_next_one_booked(running):
    member = running.members[0]
    first, second, third, fourth = (slot_for(running, hour=hour) for hour in (9, 10, 11, 12))
    for slot in (first, second, third):
        tma.slot_book(slot=slot, person=member)

    tma.slot_cancel(slot=second, person=member)
    rebooked = tma.slot_book(slot=fourth, person=member)

    assert rebooked.sequence_number == 2


def test_three_sessions_per_cohort_the_numbers_count_per_cohort(running):
    member = running.members[0]
    other_cohort = CohortFactory(programme=running.programme)
    EnrolmentFactory(cohort=other_cohort, person=member, status=Enrolment.Status.PLACED)
    here = slot_for(running, hour=9)
    there = AvailabilitySlotFactory(
        adviser=running.career_adviser,
        cohort=other_cohort,
        starts_at=local(in_days(11), 9),
        ends_at=local(in_days(11), 10),
    )

    assert tma.slot_book(slot=here, person=member).sequence_number == 1
    assert tma.slot_book(slot=there, person=member).sequence_number == 1


def test_a_slot_booked_by_someone_else_is_refused_with_a_clear_message(running, english_client):
    slot = slot_for(running)
    first, second = running.members[:2]
    tma.slot_book(slot=slot, person=first)
    before = slot_state(slot)
    english_client.force_login(second)

    response = english_client.post(reverse("sessions:tma_book", args=[slot.pk]), follow=True)

    assert slot_state(slot) == before
    assert "Someone else has just booked this slot. Choose another time." in response.content.decode()
    assert Notification.objects.filter(event="tma_booked", recipient=second).count() == 0


def test_a_member_cannot_book_two_slots_at_overlapping_times(running):
    member = running.members[0]
    other_adviser = with_role(UserFactory(organisation=running.organisation), Role.CAREER_ADVISER, running.organisation)
    mine = slot_for(running, hour=9)
    same_time = slot_for(running, hour=9, adviser=other_adviser)
    AvailabilitySlot.objects.filter(pk=same_time.pk).update(
        starts_at=mine.starts_at + timedelta(minutes=30), ends_at=mine.ends_at + timedelta(minutes=30)
    )
    tma.slot_book(slot=mine, person=member)

    with pytest.raises(ValidationError) as refused:
        tma.slot_book(slot=same_time, person=member)

    assert refused.value.messages == ["You already have a TMA session at an overlapping time. Choose another slot."]
    assert slot_state(same_time) == (None, None, None)


def test_a_slot_that_has_started_cannot_be_booked(running):
    slot = slot_for(running, days=0)
    AvailabilitySlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(minutes=55)
    )

    with pytest.raises(ValidationError) as refused:
        tma.slot_book(slot=slot, person=running.members[0])

    assert refused.value.messages == ["This slot has already started; choose a later one."]
    assert slot_state(slot) == (None, None, None)


@pytest.mark.parametrize("who", ["outsider", "hr", "trainer", "manager"])
def test_someone_who_is_not_a_current_member_cannot_book(running, client, who):
    slot = slot_for(running)
    client.force_login(getattr(running, who))

    response = client.post(reverse("sessions:tma_book", args=[slot.pk]))

    assert response.status_code == 404
    assert slot_state(slot) == (None, None, None)
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("status", [Enrolment.Status.WITHDRAWN, Enrolment.Status.WAITLISTED])
def test_a_withdrawn_or_waitlisted_person_cannot_book(running, client, status):
    person = make_members(running.cohort, 1, status=status)[0]
    slot = slot_for(running)
    client.force_login(person)

    response = client.post(reverse("sessions:tma_book", args=[slot.pk]))

    assert response.status_code == 404
    assert slot_state(slot) == (None, None, None)


def test_booking_is_a_post(running, client):
    slot = slot_for(running)
    client.force_login(running.members[0])

    assert client.get(reverse("sessions:tma_book", args=[slot.pk])).status_code == 405
    assert slot_state(slot) == (None, None, None)


def test_the_database_allows_each_tma_number_once_per_person_and_cohort(running):
    member = running.members[0]
    first, second = slot_for(running, hour=9), slot_for(running, hour=10)
    AvailabilitySlot.objects.filter(pk=first.pk).update(booked_by=member, booked_at=timezone.now(), sequence_number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        AvailabilitySlot.objects.filter(pk=second.pk).update(
            booked_by=member, booked_at=timezone.now(), sequence_number=1
        )


# --- cancelling ----------------------------------------------------------------------------------------------


def test_a_member_cancels_their_booking_more_than_a_day_ahead_and_both_are_told(running, english_client):
    slot = slot_for(running, days=3)
    member = running.members[0]
    tma.slot_book(slot=slot, person=member)
    booked_at = slot_state(slot)[1]
    english_client.force_login(member)

    response = english_client.post(reverse("sessions:tma_cancel", args=[slot.pk]), follow=True)

    assert slot_state(slot) == (None, None, None)
    assert "Your booking has been cancelled; the slot is free again." in response.content.decode()
    cancelled = Notification.objects.filter(event="tma_booking_cancelled")
    assert sorted(cancelled.values_list("recipient_id", flat=True)) == sorted([member.pk, running.career_adviser.pk])
    assert {notification.key for notification in cancelled} == {f"slot-{slot.pk}-{booked_at.isoformat()}"}


def test_booking_the_same_slot_again_after_cancelling_notifies_again(running):
    slot = slot_for(running, days=3)
    member = running.members[0]

    tma.slot_book(slot=slot, person=member)
    tma.slot_cancel(slot=slot, person=member)
    tma.slot_book(slot=slot, person=member)

    assert Notification.objects.filter(event="tma_booked", recipient=member).count() == 2
    assert Notification.objects.filter(event="tma_booked", recipient=running.career_adviser).count() == 2
    assert Notification.objects.filter(event="tma_booking_cancelled").count() == 2


def test_a_booking_cannot_be_cancelled_within_24_hours_of_its_start(running, english_client):
    slot = slot_for(running, days=3)
    member = running.members[0]
    tma.slot_book(slot=slot, person=member)
    soon = timezone.now() + timedelta(hours=23)
    AvailabilitySlot.objects.filter(pk=slot.pk).update(starts_at=soon, ends_at=soon + timedelta(hours=1))
    before = slot_state(slot)
    english_client.force_login(member)

    response = english_client.post(reverse("sessions:tma_cancel", args=[slot.pk]), follow=True)

    assert slot_state(slot) == before
    assert "A TMA session can be cancelled up to 24 hours before it starts." in response.content.decode()
    assert Notification.objects.filter(event="tma_booking_cancelled").count() == 0


def test_another_persons_booking_cannot_be_cancelled(running, client):
    slot = slot_for(running, days=3)
    owner, other = running.members[:2]
    tma.slot_book(slot=slot, person=owner)
    before = slot_state(slot)

    client.force_login(other)
    by_member = client.post(reverse("sessions:tma_cancel", args=[slot.pk]))
    client.force_login(running.outsider)
    by_outsider = client.post(reverse("sessions:tma_cancel", args=[slot.pk]))

    assert (by_member.status_code, by_outsider.status_code) == (404, 404)
    assert slot_state(slot) == before
    assert Notification.objects.filter(event="tma_booking_cancelled").count() == 0


# --- the booking page ----------------------------------------------------------------------------------------


def test_the_booking_page_shows_the_members_bookings_and_the_free_future_slots(running, english_client):
    member, other = running.members[:2]
    mine = slot_for(running, hour=9)
    theirs = slot_for(running, hour=10)
    free = slot_for(running, hour=11)
    slot_for(running, days=-1)  # past and free: not offered
    tma.slot_book(slot=mine, person=member)
    tma.slot_book(slot=theirs, person=other)
    english_client.force_login(member)

    response = english_client.get(reverse("sessions:tma_booking"))

    [entry] = response.context["overview"]
    assert entry.cohort == running.cohort
    assert [slot.pk for slot in entry.booked] == [mine.pk]
    assert [slot.pk for slot in entry.free] == [free.pk]
    assert entry.remaining == 2
    content = response.content.decode()
    assert "TMA session 1" in content
    assert "not booked yet" in content
    assert "up to 24 hours before it starts" in content
    assert other.full_name not in content


def test_the_booking_page_is_empty_for_someone_outside_any_cohort_with_slots(running, english_client):
    slot_for(running)
    english_client.force_login(running.outsider)

    response = english_client.get(reverse("sessions:tma_booking"))

    assert response.context["overview"] == []
    assert "There are no TMA sessions to book for you at the moment." in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_booking_page_needs_the_same_number_of_queries_however_many_slots(
    running, client, django_assert_max_num_queries, count
):
    member = running.members[0]
    for index in range(count):
        slot_for(running, days=5 + index // 6, hour=8 + index % 6)
    tma.slot_book(slot=AvailabilitySlot.objects.order_by("starts_at").first(), person=member)
    client.force_login(member)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("sessions:tma_booking"))

    assert len(response.context["overview"][0].free) == count - 1


def test_no_slots_are_published_for_a_completed_cohort_whose_members_can_no_longer_book(running, client):
    completed = CohortFactory(programme=running.programme, completed=True)
    client.force_login(running.career_adviser)

    response = client.post(reverse("sessions:slots"), publish_data(completed))

    assert response.status_code == 404
    assert AvailabilitySlot.objects.count() == 0


def test_the_booking_messages_say_which_session_when_and_where(running):
    member = running.members[0]
    for person in (member, running.career_adviser):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
    slot = slot_for(running, days=10, hour=9)

    tma.slot_book(slot=slot, person=member)

    to_member = Notification.objects.get(event="tma_booked", recipient=member)
    to_adviser = Notification.objects.get(event="tma_booked", recipient=running.career_adviser)
    when = slot.starts_at.astimezone(timezone.get_default_timezone())
    assert to_member.subject == f"Your TMA session 1 is booked for {when:%-d %B %Y} 09:00"
    assert f"You have booked TMA talent-analysis session 1 with {running.career_adviser.full_name}." in to_member.body
    assert "Where: BLIK Loopbaancentrum" in to_member.body
    assert "up to 24 hours before the session starts" in to_member.body
    assert to_adviser.subject == f"TMA session booked by {member.full_name} on {when:%-d %B %Y} 09:00"
    assert f"{member.full_name} of {running.cohort.name} has booked TMA session 1 with you." in to_adviser.body
