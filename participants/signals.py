"""Signals that apps above participants answer, so that participants never imports them.

``completion_attendance_check`` is sent (``sender=Cohort``, with ``cohort``) before the enrolments of a cohort
are completed. Each receiver returns the ids of the cohort's placed or active enrolments whose attendance is
below the programme's minimum; those do not complete. Sessions, which registers attendance, answers it.
"""

from django.dispatch import Signal

completion_attendance_check = Signal()
