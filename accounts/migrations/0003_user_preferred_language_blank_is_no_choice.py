"""A blank preferred_language means "no choice made" (Dutch), so that a stored "nl" is a real choice.

Until now every account got "nl" by default and nobody could choose it on a page, so an "nl" in the
database says nothing: it becomes blank. Accounts that were set to English keep it.
"""

from django.db import migrations, models


def forget_default_dutch(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(preferred_language="nl").update(preferred_language="")


def restore_default_dutch(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(preferred_language="").update(preferred_language="nl")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisation_liberation_day_every_year"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="preferred_language",
            field=models.CharField(
                blank=True,
                choices=[("nl", "Dutch"), ("en", "English")],
                default="",
                max_length=5,
                verbose_name="preferred language",
            ),
        ),
        migrations.RunPython(forget_default_dutch, restore_default_dutch),
    ]
