from collections import Counter

from django.db import migrations, models


def count_reviews(apps, schema_editor):
    """Fill the count as the service worked it out until now: the number of distinct keys of the
    assignment_reviewed notifications of the assignment ("assignment:<pk>:<n>"), so that the next
    review's key is the one it would have been."""
    Assignment = apps.get_model("placements", "Assignment")
    Notification = apps.get_model("notifications", "Notification")
    keys = set(
        Notification.objects.filter(event="assignment_reviewed", key__startswith="assignment:")
        .order_by()
        .values_list("key", flat=True)
        .distinct()
    )
    counts = Counter(key.split(":")[1] for key in keys)
    assignments = [Assignment(pk=int(pk), review_count=count) for pk, count in counts.items() if pk.isdigit()]
    existing = set(Assignment.objects.filter(pk__in=[a.pk for a in assignments]).values_list("pk", flat=True))
    Assignment.objects.bulk_update(
        [assignment for assignment in assignments if assignment.pk in existing], ["review_count"], batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("placements", "0002_assignment_submission_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="review_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="times reviewed"),
        ),
        migrations.RunPython(count_reviews, migrations.RunPython.noop),
    ]
