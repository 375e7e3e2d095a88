import pytest
from django.core.management import call_command

from accounts.models import Department, Organisation, Role, RoleAssignment, User
from accounts.selectors import user_primary_role
from core.demo import DEMO_PASSWORD, seed_demo

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
    }


@pytest.mark.django_db
def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first
    assert "groeipad-demo" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_creates_the_organisations_of_all_five_programmes():
    seed_demo()

    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert PROGRAMME_ORGANISATIONS <= slugs
    av_members = set(Organisation.objects.get(slug="av-regio").members.values_list("slug", flat=True))
    assert av_members == {"gorinchem", "giessenlanden", "leerdam", "zederik", "molenwaard", "hardinxveld-giessendam"}
    assert {"dronten", "heerde"} <= set(
        Organisation.objects.get(slug="talentenregio").members.values_list("slug", flat=True)
    )


@pytest.mark.django_db
def test_every_demo_login_works_and_reaches_its_roles_dashboard(client):
    logins = seed_demo()

    assert {login.role for login in logins} == set(Role.values)
    for login in logins:
        assert client.login(email=login.email, password=DEMO_PASSWORD), login.email
        person = User.objects.get(email=login.email)
        assert user_primary_role(person) == login.role
        client.logout()


@pytest.mark.django_db
def test_demo_data_uses_invented_addresses_only():
    seed_demo()

    domains = {email.split("@")[1] for email in User.objects.values_list("email", flat=True)}
    assert all(domain.endswith(".example") for domain in domains), domains


@pytest.mark.django_db
def test_zwolle_demo_has_enough_young_employees_for_a_group_and_two_who_are_not_eligible():
    from datetime import date

    seed_demo()
    today = date.today()

    zwolle = User.objects.filter(organisation__slug="zwolle", manager__isnull=False)

    def age(person):
        born = person.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    young_ready = [p for p in zwolle if age(p) < 36 and p.introduction_completed_on is not None]
    assert len(young_ready) >= 17
    assert any(age(p) == 37 for p in zwolle)
    assert any(p.introduction_completed_on is None for p in zwolle)
