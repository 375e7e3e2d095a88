"""Listeners for signals of the layers below (participants), so that those never import sessions."""

from django.dispatch import receiver

from participants.signals import completion_attendance_check

from .attendance import enrolments_below_minimum_attendance


@receiver(completion_attendance_check, dispatch_uid="sessions-attendance-below-minimum")
def attendance_below_minimum(sender, *, cohort, **kwargs) -> set[int]:
    return {enrolment.pk for enrolment in enrolments_below_minimum_attendance(cohort=cohort)}
