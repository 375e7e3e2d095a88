"""Assignments: a host's contact person posts them, programme HR reviews them; only published ones reach trainees."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notifications.models import Notification
from placements import assignments as services
from placements.models import Assignment, PlacementRound
from tests.factories import AssignmentFactory, DepartmentFactory, PlacementRoundFactory, UserFactory

pytestmark = pytest.mark.django_db

CHOICE_REFUSED = "Select a valid choice. That choice is not one of the available choices."


def _round(region, **kwargs) -> PlacementRound:
    kwargs.setdefault("status", PlacementRound.Status.COLLECTING)
    return PlacementRoundFactory(cohort=region.cohort, sequence=kwargs.pop("sequence", 1), **kwargs)


def _form(region, host, **overrides) -> dict:
    data = {
        "title": "Omgevingswet invoeren",
        "description": "Help het team de Omgevingswet in te voeren.",
        "department": DepartmentFactory(organisation=host, name="Ruimte").pk,
        "supervisor": region.supervisors[host.pk].pk,
        "hours_per_week": "36",
        "suits_rotation": "on",
        "capacity": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _snapshot(assignment: Assignment) -> tuple:
    assignment.refresh_from_db()
    return (assignment.title, assignment.status, assignment.review_note, assignment.capacity, assignment.supervisor_id)


# --- posting ---------------------------------------------------------------------------------------------


def test_a_host_contact_posts_an_assignment_and_programme_hr_is_told(english_client, region):
    round = _round(region)
    host = region.members[0]
    contact = region.contacts[host.pk]
    english_client.force_login(contact)

    response = english_client.post(
        f"/placements/rounds/{round.pk}/assignments/new/", _form(region, host, track=region.financial_track.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == "/placements/host/assignments/"
    assignment = Assignment.objects.get()
    assert (assignment.round, assignment.host_organisation, assignment.contact) == (round, host, contact)
    assert (assignment.status, assignment.title, assignment.department.name) == (
        "submitted",
        "Omgevingswet invoeren",
        "Ruimte",
    )
    assert (assignment.track, assignment.capacity, assignment.hours_per_week) == (
        region.financial_track,
        1,
        Decimal("36.0"),
    )
    submitted = Notification.objects.get(event="assignment_submitted")
    assert (submitted.recipient, submitted.key, submitted.action_url) == (
        region.hr,
        f"assignment:{assignment.pk}:1",
        f"/placements/rounds/{round.pk}/",
    )


def test_the_form_offers_only_people_and_departments_of_the_host(client, region):
    round = _round(region)
    host = region.members[0]
    client.force_login(region.contacts[host.pk])

    form = client.get(f"/placements/rounds/{round.pk}/assignments/new/").context["form"]

    assert "host_organisation" not in form.fields
    assert {person.organisation_id for person in form.fields["supervisor"].queryset} == {host.pk}
    assert region.supervisors[region.members[1].pk] not in form.fields["supervisor"].queryset
    assert list(form.fields["track"].queryset) == [region.financial_track]


def test_programme_hr_posts_on_behalf_of_a_host(client, region):
    round = _round(region)
    host = region.members[2]
    client.force_login(region.hr)

    response = client.post(
        f"/placements/rounds/{round.pk}/assignments/new/", _form(region, host, host_organisation=host.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == f"/placements/rounds/{round.pk}/"
    assignment = Assignment.objects.get()
    assert (assignment.host_organisation, assignment.contact, assignment.status) == (host, region.hr, "submitted")
    assert not Notification.objects.filter(recipient=region.hr).exists()  # HR is not told about their own post


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"supervisor": "other-host"}, "supervisor", CHOICE_REFUSED),
        ({"department": "other-host"}, "department", CHOICE_REFUSED),
        ({"capacity": "6"}, "capacity", "Ensure this value is less than or equal to 5."),
        ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
        (
            {"suits_rotation": None, "suits_fixed": "on"},
            "suits_rotation",
            "This is a round of 8-month rotations: the assignment must suit a rotation.",
        ),
        ({"title": "  "}, "title", "This field is required."),
    ],
    ids=["supervisor-elsewhere", "department-elsewhere", "too-many", "none", "not-a-rotation", "no-title"],
)
def test_an_assignment_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    english_client, region, overrides, field, message
):
    round = _round(region)
    host, elsewhere = region.members[0], region.members[1]
    overrides = dict(overrides)
    if overrides.get("supervisor") == "other-host":
        overrides["supervisor"] = region.supervisors[elsewhere.pk].pk
    if overrides.get("department") == "other-host":
        overrides["department"] = DepartmentFactory(organisation=elsewhere).pk
    english_client.force_login(region.contacts[host.pk])

    response = english_client.post(f"/placements/rounds/{round.pk}/assignments/new/", _form(region, host, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Assignment.objects.exists()
    assert not Notification.objects.exists()


def _fields(region, host, **overrides) -> dict:
    fields = {
        "title": "Omgevingswet",
        "description": "Invoeren.",
        "department": None,
        "supervisor": region.supervisors[host.pk],
        "hours_per_week": Decimal("36"),
        "track": None,
        "suits_rotation": True,
        "suits_fixed": False,
        "capacity": 1,
    }
    fields.update(overrides)
    return fields


@pytest.mark.parametrize(
    ("kind", "overrides", "errors"),
    [
        (
            "fixed",
            {"suits_fixed": False},
            {"suits_fixed": ["This is a round of fixed placements: the assignment must suit a fixed placement."]},
        ),
        ("rotation", {"capacity": 6}, {"capacity": ["An assignment is for 1 to 5 trainees."]}),
        (
            "rotation",
            {"supervisor": "elsewhere", "department": "elsewhere"},
            {
                "supervisor": ["The supervisor must be an active person of Gemeente Dronten."],
                "department": ["The department must be one of Gemeente Dronten."],
            },
        ),
        (
            "rotation",
            {"hours_per_week": Decimal("0")},
            {"hours_per_week": ["The hours per week are between 1 and 40."]},
        ),
    ],
)
def test_the_service_checks_every_rule_itself(region, kind, overrides, errors):
    round = _round(region, kind=kind)
    host, elsewhere = region.members[0], region.members[1]
    overrides = dict(overrides)
    if overrides.get("supervisor") == "elsewhere":
        overrides["supervisor"] = region.supervisors[elsewhere.pk]
        overrides["department"] = DepartmentFactory(organisation=elsewhere)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assignment_submit(
            round=round, host_organisation=host, by=region.contacts[host.pk], **_fields(region, host, **overrides)
        )

    assert refused.value.message_dict == errors
    assert not Assignment.objects.exists()


def test_a_host_outside_the_programme_cannot_be_the_host(region):
    round = _round(region)
    outsider = region.other_hr.organisation
    supervisor = UserFactory(organisation=outsider)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.assignment_submit(
            round=round,
            host_organisation=outsider,
            by=region.hr,
            **_fields(region, region.members[0], supervisor=supervisor),
        )

    assert refused.value.message_dict == {
        "host_organisation": ["Gemeente Zwolle does not take part in this programme."]
    }
    assert not Assignment.objects.exists()


def test_a_round_that_is_allocating_takes_no_assignments(english_client, region):
    round = _round(region, status=PlacementRound.Status.ALLOCATING)
    host = region.members[0]
    english_client.force_login(region.contacts[host.pk])

    response = english_client.post(f"/placements/rounds/{round.pk}/assignments/new/", _form(region, host), follow=True)

    assert "This round no longer takes assignments." in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("who", ["other_hr", "trainee", "supervisor"])
def test_nobody_outside_the_programme_can_post_an_assignment(client, region, who):
    round = _round(region)
    host = region.members[0]
    user = {
        "other_hr": region.other_hr,
        "trainee": region.trainees[0],
        "supervisor": region.supervisors[host.pk],
    }[who]
    client.force_login(user)

    responses = [
        client.get(f"/placements/rounds/{round.pk}/assignments/new/"),
        client.post(f"/placements/rounds/{round.pk}/assignments/new/", _form(region, host)),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    assert not Assignment.objects.exists()


# --- the host's list, editing and withdrawing ------------------------------------------------------------


def test_the_host_sees_only_its_own_assignments_with_hrs_note(english_client, region):
    round = _round(region)
    own, other = region.members[0], region.members[1]
    mine = AssignmentFactory(
        round=round, host_organisation=own, status=Assignment.Status.REJECTED, review_note="Maak het concreter."
    )
    AssignmentFactory(round=round, host_organisation=other, title="Niet van ons")
    english_client.force_login(region.contacts[own.pk])

    response = english_client.get("/placements/host/assignments/")

    content = response.content.decode()
    assert [assignment.pk for assignment in response.context["assignments"]] == [mine.pk]
    assert "Maak het concreter." in content and "Niet van ons" not in content
    assert f"/placements/assignments/{mine.pk}/edit/" in content
    assert list(response.context["open_rounds"]) == [round]


def test_editing_a_sent_back_assignment_sends_it_for_review_again(english_client, region):
    round = _round(region)
    host = region.members[0]
    contact = region.contacts[host.pk]
    assignment = services.assignment_submit(
        round=round, host_organisation=host, by=contact, **_fields(region, host, title="Eerste versie")
    )
    services.assignment_review(assignment=assignment, by=region.hr, publish=False, note="Te vaag.")
    english_client.force_login(contact)

    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/edit/", _form(region, host, title="Tweede versie")
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.title, assignment.status) == ("Tweede versie", "submitted")
    assert list(
        Notification.objects.filter(event="assignment_submitted", recipient=region.hr)
        .order_by("pk")
        .values_list("key", flat=True)
    ) == [f"assignment:{assignment.pk}:1", f"assignment:{assignment.pk}:2"]


def test_the_assignment_stores_which_submission_it_is(region):
    round = _round(region)
    host = region.members[0]
    contact = region.contacts[host.pk]
    assignment = services.assignment_submit(round=round, host_organisation=host, by=contact, **_fields(region, host))
    services.assignment_update(assignment=assignment, by=contact, **_fields(region, host, title="Nog niet bekeken"))
    after_edit = Assignment.objects.get(pk=assignment.pk).submission_count
    services.assignment_review(assignment=assignment, by=region.hr, publish=False, note="Te vaag.")

    resubmitted = services.assignment_update(assignment=assignment, by=contact, **_fields(region, host))

    assert (after_edit, resubmitted.submission_count) == (1, 2)
    assert Assignment.objects.get(pk=assignment.pk).submission_count == 2


def test_a_published_assignment_cannot_be_edited(english_client, region):
    round = _round(region)
    host = region.members[0]
    assignment = AssignmentFactory(round=round, host_organisation=host, supervisor=region.supervisors[host.pk])
    before = _snapshot(assignment)
    english_client.force_login(region.contacts[host.pk])

    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/edit/", _form(region, host, title="Gewijzigd"), follow=True
    )

    assert "Only an assignment that waits for review or was sent back can be changed." in response.content.decode()
    assert _snapshot(assignment) == before


@pytest.mark.parametrize("who", ["other_host", "other_hr", "supervisor", "trainee"])
def test_nobody_else_can_edit_or_withdraw_a_hosts_assignment(client, region, who):
    round = _round(region)
    host = region.members[0]
    assignment = AssignmentFactory(
        round=round, host_organisation=host, supervisor=region.supervisors[host.pk], status=Assignment.Status.SUBMITTED
    )
    before = _snapshot(assignment)
    user = {
        "other_host": region.contacts[region.members[1].pk],
        "other_hr": region.other_hr,
        "supervisor": region.supervisors[host.pk],
        "trainee": region.trainees[0],
    }[who]
    client.force_login(user)

    responses = [
        client.get(f"/placements/assignments/{assignment.pk}/edit/"),
        client.post(f"/placements/assignments/{assignment.pk}/edit/", _form(region, host, title="Gekaapt")),
        client.post(f"/placements/assignments/{assignment.pk}/withdraw/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert _snapshot(assignment) == before


def test_the_host_withdraws_an_assignment_before_the_market_opens(client, region):
    round = _round(region)
    host = region.members[0]
    assignment = AssignmentFactory(round=round, host_organisation=host)
    client.force_login(region.contacts[host.pk])

    response = client.post(f"/placements/assignments/{assignment.pk}/withdraw/")

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "withdrawn"


def test_a_published_assignment_cannot_be_withdrawn_once_trainees_can_rank_it(english_client, region):
    round = _round(region, status=PlacementRound.Status.MARKET)
    host = region.members[0]
    assignment = AssignmentFactory(round=round, host_organisation=host)
    english_client.force_login(region.contacts[host.pk])

    response = english_client.post(f"/placements/assignments/{assignment.pk}/withdraw/", follow=True)

    assert "Trainees can already rank this assignment" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == "published"


# --- review ------------------------------------------------------------------------------------------------


def _submitted(region, round) -> Assignment:
    host = region.members[0]
    return services.assignment_submit(
        round=round, host_organisation=host, by=region.contacts[host.pk], **_fields(region, host)
    )


def test_hr_publishes_an_assignment_and_the_contact_is_told(client, region):
    assignment = _submitted(region, _round(region))
    client.force_login(region.hr)

    response = client.post(f"/placements/assignments/{assignment.pk}/review/", {"decision": "publish", "note": ""})

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.review_note) == ("published", "")
    reviewed = Notification.objects.get(event="assignment_reviewed")
    assert (reviewed.recipient, reviewed.action_url) == (
        region.contacts[region.members[0].pk],
        "/placements/host/assignments/",
    )


def test_hr_sends_an_assignment_back_with_a_note_that_reaches_the_contact(client, region):
    assignment = _submitted(region, _round(region))
    client.force_login(region.hr)

    client.post(
        f"/placements/assignments/{assignment.pk}/review/", {"decision": "reject", "note": "Te groot voor 8 maanden."}
    )

    assignment.refresh_from_db()
    assert (assignment.status, assignment.review_note) == ("rejected", "Te groot voor 8 maanden.")
    assert "Te groot voor 8 maanden." in Notification.objects.get(event="assignment_reviewed").body


def test_sending_back_without_a_note_is_refused_and_changes_nothing(english_client, region):
    assignment = _submitted(region, _round(region))
    before = _snapshot(assignment)
    english_client.force_login(region.hr)

    response = english_client.post(
        f"/placements/assignments/{assignment.pk}/review/", {"decision": "reject", "note": "  "}, follow=True
    )

    assert "Say why you send the assignment back." in response.content.decode()
    assert _snapshot(assignment) == before
    assert not Notification.objects.filter(event="assignment_reviewed").exists()


def test_an_assignment_is_reviewed_once(region):
    assignment = _submitted(region, _round(region))
    services.assignment_review(assignment=assignment, by=region.hr, publish=True, note="")

    with pytest.raises(ValidationError):
        services.assignment_review(assignment=assignment, by=region.hr, publish=False, note="Toch niet.")

    assignment.refresh_from_db()
    assert assignment.status == "published"
    assert Notification.objects.filter(event="assignment_reviewed").count() == 1


def test_each_review_is_counted_and_names_its_notification(region):
    round = _round(region)
    host = region.members[0]
    contact = region.contacts[host.pk]
    assignment = _submitted(region, round)
    services.assignment_review(assignment=assignment, by=region.hr, publish=False, note="Te vaag.")
    services.assignment_update(assignment=assignment, by=contact, **_fields(region, host))

    reviewed = services.assignment_review(assignment=assignment, by=region.hr, publish=True, note="")

    assert reviewed.review_count == 2
    assert list(
        Notification.objects.filter(event="assignment_reviewed").order_by("pk").values_list("key", flat=True)
    ) == [f"assignment:{assignment.pk}:1", f"assignment:{assignment.pk}:2"]


@pytest.mark.parametrize("who", ["other_hr", "host_contact", "supervisor", "trainee"])
def test_only_programme_hr_reviews(client, region, who):
    assignment = _submitted(region, _round(region))
    before = _snapshot(assignment)
    host = region.members[0]
    user = {
        "other_hr": region.other_hr,
        "host_contact": region.contacts[host.pk],
        "supervisor": region.supervisors[host.pk],
        "trainee": region.trainees[0],
    }[who]
    client.force_login(user)

    response = client.post(f"/placements/assignments/{assignment.pk}/review/", {"decision": "publish", "note": ""})

    assert response.status_code == 404
    assert _snapshot(assignment) == before
    assert not Notification.objects.filter(event="assignment_reviewed").exists()


# --- queries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 12])
def test_the_hosts_list_needs_the_same_number_of_queries_however_many_assignments(
    client, region, django_assert_max_num_queries, size
):
    host = region.members[0]
    rounds = [_round(region, sequence=1), _round(region, sequence=2)]
    for index in range(size):
        assignment = AssignmentFactory(
            round=rounds[index % 2],
            host_organisation=host,
            supervisor=region.supervisors[host.pk],
            department=DepartmentFactory(organisation=host),
        )
        assignment.preferences.create(trainee=region.trainees[index % 6], rank=1)
    client.force_login(region.contacts[host.pk])

    with django_assert_max_num_queries(8):
        response = client.get("/placements/host/assignments/")

    assert response.status_code == 200
    assert len(response.context["assignments"]) == size
