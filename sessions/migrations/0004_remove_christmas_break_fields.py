"""The Christmas break lives on as a template break (0003); its two fields go. A migration of its own, so the
data copy and this ALTER TABLE do not share a transaction (PostgreSQL: "pending trigger events")."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programme_sessions", "0003_template_breaks"),
    ]

    operations = [
        migrations.RemoveField(model_name="curriculumtemplate", name="christmas_break_end"),
        migrations.RemoveField(model_name="curriculumtemplate", name="christmas_break_start"),
    ]
