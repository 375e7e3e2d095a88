"""The HR cohort page's fill chart (issue 12): places taken per day or week from the enrolment history, against
the capacity and the number needed to start."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from participants.models import Enrolment, EnrolmentTransition
from participants.selectors import cohort_fill_chart, cohort_fill_history
from tests.factories import EnrolmentFactory
from tests.sessions.test_attendance import chart_table

S = Enrolment.Status
pytestmark = pytest.mark.django_db


def moved(enrolment: Enrolment, day: date, from_status: str, to_status: str, *, hour: int = 10) -> None:
    """A row of the enrolment's history on that (Amsterdam) day, as participants.services._move writes it."""
    transition = EnrolmentTransition.objects.create(enrolment=enrolment, from_status=from_status, to_status=to_status)
    at = timezone.make_aware(datetime(day.year, day.month, day.day, hour))
    EnrolmentTransition.objects.filter(pk=transition.pk).update(created_at=at)


def short(day: date) -> str:
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")


MAY = [date(2026, 5, day) for day in range(1, 32)]


@pytest.fixture
def filled(zwolle):
    """Capacity 4, 3 needed to start, starting on 8 May 2026. On 4 May two requests are placed, one of them
    after waiting for the manager; on 5 May a third is placed and the first becomes active (no new place); on
    6 May the second withdraws. A rejected request and one still on the waitlist never hold a place."""
    cohort = zwolle.cohort
    cohort.capacity, cohort.start_threshold, cohort.start_date = 4, 3, MAY[7]
    cohort.save()
    first, second, third = (EnrolmentFactory(cohort=cohort, placed=True) for _ in range(3))
    moved(first, MAY[3], "", S.REQUESTED, hour=9)
    moved(first, MAY[3], S.REQUESTED, S.PLACED)
    moved(second, MAY[3], "", S.AWAITING_MANAGER, hour=9)
    moved(second, MAY[3], S.AWAITING_MANAGER, S.APPROVED)
    moved(second, MAY[3], S.APPROVED, S.PLACED, hour=11)
    moved(third, MAY[4], "", S.PLACED)
    moved(first, MAY[4], S.PLACED, S.ACTIVE, hour=14)
    moved(second, MAY[5], S.PLACED, S.WITHDRAWN)
    moved(EnrolmentFactory(cohort=cohort, rejected=True), MAY[4], S.REQUESTED, S.REJECTED)
    moved(EnrolmentFactory(cohort=cohort, waitlisted=True), MAY[5], "", S.WAITLISTED)
    moved(EnrolmentFactory(cohort=cohort, placed=True), MAY[5], S.PLACED, S.PLACED, hour=12)  # a note, no move
    return zwolle


def test_the_history_counts_places_in_and_out_of_placed_or_active_until_the_start(filled, django_assert_num_queries):
    with django_assert_num_queries(1):
        history = cohort_fill_history(cohort=filled.cohort, today=date(2026, 12, 3))

    # 4 May: two placed; 5 May: one more; 6 May: one withdrew; then unchanged until the start on 8 May.
    assert history == [(MAY[3], 2), (MAY[4], 3), (MAY[5], 2), (MAY[6], 2), (MAY[7], 2)]


def test_the_cohort_page_charts_the_places_taken_against_capacity_and_start_threshold(english_client, filled):
    english_client.force_login(filled.hr)

    response = english_client.get(reverse("programmes:cohort_detail", args=[filled.cohort.pk]))

    assert response.status_code == 200
    # day, places taken, capacity, needed to start
    assert chart_table(response.content.decode(), "chart-cohort-fill") == [
        [short(MAY[3]), "2", "4", "3"],
        [short(MAY[4]), "3", "4", "3"],
        [short(MAY[5]), "2", "4", "3"],
        [short(MAY[6]), "2", "4", "3"],
        [short(MAY[7]), "2", "4", "3"],
    ]
    chart = response.context["fill_chart"]
    assert [series.reference for series in chart.series] == [False, True, True]
    assert chart.kind == "line"


def test_a_cohort_still_filling_is_charted_up_to_today(filled):
    filled.cohort.start_date = None
    filled.cohort.save()

    history = cohort_fill_history(cohort=filled.cohort, today=MAY[9])

    assert history[-3:] == [(MAY[7], 2), (MAY[8], 2), (MAY[9], 2)]
    assert len(history) == 7


def test_a_history_longer_than_a_month_is_charted_per_week_at_the_end_of_each_week(zwolle):
    cohort = zwolle.cohort
    cohort.start_date = date(2026, 6, 15)  # a Monday, 45 days after the first request
    cohort.save()
    for day in (date(2026, 5, 1), date(2026, 5, 2), date(2026, 5, 20), date(2026, 6, 15)):  # Fri, Sat, Wed, Mon
        moved(EnrolmentFactory(cohort=cohort, placed=True), day, "", S.PLACED)

    with translation.override("en"):
        chart = cohort_fill_chart(cohort=cohort, today=date(2026, 12, 3))

    mondays = [date(2026, 4, 27) + timedelta(weeks=week) for week in range(8)]
    assert chart.labels == [f"week of {short(monday)}" for monday in mondays]
    # the week of 27 April ends with 2 (Friday and Saturday), the week of 18 May with 3; 15 June is the start
    assert chart.series[0].values == [2, 2, 2, 3, 3, 3, 3, 4]
    assert chart.labels_heading == "Week"


def test_without_any_place_ever_taken_the_page_shows_no_fill_chart(english_client, zwolle):
    moved(EnrolmentFactory(cohort=zwolle.cohort, waitlisted=True), MAY[3], "", S.WAITLISTED)
    english_client.force_login(zwolle.hr)

    response = english_client.get(reverse("programmes:cohort_detail", args=[zwolle.cohort.pk]))

    assert response.context["fill_chart"] is None
    assert 'id="chart-cohort-fill"' not in response.content.decode()


def test_the_history_stays_one_query_however_many_enrolments(zwolle, django_assert_num_queries):
    for index in range(30):
        enrolment = EnrolmentFactory(cohort=zwolle.cohort, placed=True)
        moved(enrolment, MAY[index % 10], "", S.PLACED)
        if index % 3 == 0:
            moved(enrolment, MAY[12], S.PLACED, S.WITHDRAWN)

    with django_assert_num_queries(1):
        history = cohort_fill_history(cohort=zwolle.cohort, today=date(2026, 12, 3))

    assert history[9] == (MAY[9], 30)
    assert history[12] == (MAY[12], 20)
