"""The roles a person can have in the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")
    HR_ADVISER = "hr_adviser", _("HR adviser")
    MANAGER = "manager", _("Manager")
    COACH = "coach", _("Coach")
    TRAINER = "trainer", _("Trainer")
    CAREER_ADVISER = "career_adviser", _("Career adviser")
    EMPLOYEE = "employee", _("Employee")
