from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeSessionsConfig(AppConfig):
    # django.contrib.sessions owns the label "sessions"; this app's label must differ from the start.
    name = "sessions"
    label = "programme_sessions"
    verbose_name = _("Sessions and schedules")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the listeners
