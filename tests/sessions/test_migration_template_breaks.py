"""Migration 0003 turns each template's old Christmas break into its first break, so no template loses it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

APP = "programme_sessions"


def with_sessions_at(name: str) -> list[tuple[str, str]]:
    """Every app at its latest migration, the sessions app at `name`."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [(app, migration) for app, migration in leaves if app != APP] + [(APP, name)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_christmas_break_of_every_template_becomes_a_break_named_kerstvakantie_and_back():
    before, after = with_sessions_at("0002_item_repeat_count"), with_sessions_at("0004_remove_christmas_break_fields")
    old = migrate(before)
    organisation = old.get_model("accounts", "Organisation").objects.create(name="Gemeente Zwolle", slug="zwolle-m")
    programme = old.get_model("programmes", "Programme").objects.create(
        name="Leertraject", slug="leertraject-m", kind="young_staff_track", owner=organisation
    )
    templates = old.get_model("programme_sessions", "CurriculumTemplate").objects
    zwolle = templates.create(
        programme=programme, name="Zwolle", christmas_break_start="12-20", christmas_break_end="01-03"
    )
    vng = templates.create(programme=programme, name="VNG", christmas_break_start="12-19", christmas_break_end="01-04")
    without = templates.create(programme=programme, name="Zonder", christmas_break_start="", christmas_break_end="")

    try:
        new = migrate(after)
        breaks = new.get_model("programme_sessions", "TemplateBreak").objects
        assert sorted(breaks.values_list("template_id", "name", "region", "starts_on", "ends_on")) == sorted(
            [(zwolle.pk, "Kerstvakantie", "", "12-20", "01-03"), (vng.pk, "Kerstvakantie", "", "12-19", "01-04")]
        )
        assert not breaks.filter(template_id=without.pk).exists()

        back = migrate(before)
        restored = back.get_model("programme_sessions", "CurriculumTemplate").objects.order_by("name")
        assert list(restored.values_list("name", "christmas_break_start", "christmas_break_end")) == [
            ("VNG", "12-19", "01-04"),
            ("Zonder", "", ""),
            ("Zwolle", "12-20", "01-03"),
        ]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
