"""A record of each date HR kept for a session despite a warning (outside the cohort's period, on a public
holiday), with the reason."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programme_sessions", "0004_remove_christmas_break_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SessionDateOverride",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(verbose_name="date")),
                ("warnings", models.TextField(verbose_name="warnings")),
                ("reason", models.TextField(verbose_name="reason")),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="date_overrides",
                        to="programme_sessions.session",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "date kept despite a warning",
                "verbose_name_plural": "dates kept despite a warning",
                "ordering": ["-at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True), name="session_date_override_has_reason"
                    )
                ],
            },
        ),
    ]
