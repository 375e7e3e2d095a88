"""Curriculum templates get breaks of their own and a school-holiday region. The old Christmas break of each
template becomes its first break, "Kerstvakantie", so no template loses it."""

import django.db.models.deletion
from django.db import migrations, models

MONTH_DAY_PATTERN = "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
REGIONS = [("noord", "North"), ("midden", "Middle"), ("zuid", "South")]
CHRISTMAS = "Kerstvakantie"


def christmas_into_breaks(apps, schema_editor):
    CurriculumTemplate = apps.get_model("programme_sessions", "CurriculumTemplate")
    TemplateBreak = apps.get_model("programme_sessions", "TemplateBreak")
    TemplateBreak.objects.bulk_create(
        TemplateBreak(
            template=template,
            name=CHRISTMAS,
            starts_on=template.christmas_break_start,
            ends_on=template.christmas_break_end,
        )
        for template in CurriculumTemplate.objects.exclude(christmas_break_start="").exclude(christmas_break_end="")
    )


def breaks_into_christmas(apps, schema_editor):
    """Back to one Christmas break: the template's break named Kerstvakantie, else none."""
    CurriculumTemplate = apps.get_model("programme_sessions", "CurriculumTemplate")
    TemplateBreak = apps.get_model("programme_sessions", "TemplateBreak")
    for template in CurriculumTemplate.objects.all():
        christmas = TemplateBreak.objects.filter(template=template, name=CHRISTMAS, region="").first()
        template.christmas_break_start = christmas.starts_on if christmas else ""
        template.christmas_break_end = christmas.ends_on if christmas else ""
        template.save(update_fields=["christmas_break_start", "christmas_break_end"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme_sessions", "0002_item_repeat_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="curriculumtemplate",
            name="school_region",
            field=models.CharField(
                blank=True,
                choices=REGIONS,
                help_text="The planner skips the breaks of this region and the breaks for every region.",
                max_length=10,
                verbose_name="school-holiday region",
            ),
        ),
        migrations.CreateModel(
            name="TemplateBreak",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "region",
                    models.CharField(
                        blank=True,
                        choices=REGIONS,
                        help_text="Empty: the break applies in every region.",
                        max_length=10,
                        verbose_name="school-holiday region",
                    ),
                ),
                ("starts_on", models.CharField(max_length=5, verbose_name="from (MM-DD)")),
                ("ends_on", models.CharField(max_length=5, verbose_name="until (MM-DD)")),
                (
                    "template",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="breaks",
                        to="programme_sessions.curriculumtemplate",
                        verbose_name="template",
                    ),
                ),
            ],
            options={
                "verbose_name": "break",
                "verbose_name_plural": "breaks",
                "ordering": ["template", "starts_on", "name", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("starts_on__regex", MONTH_DAY_PATTERN)), name="template_break_start_valid"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__regex", MONTH_DAY_PATTERN)), name="template_break_end_valid"
                    ),
                ],
            },
        ),
        migrations.RunPython(christmas_into_breaks, breaks_into_christmas),
    ]
