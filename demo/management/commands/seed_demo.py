from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role
from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo organisations, invented people and the five programmes in use today (idempotent)."

    def handle(self, *args, **options):
        logins = seed_demo()
        # In the portal's language (Dutch unless configured otherwise), like every command that talks to people.
        with translation.override(settings.LANGUAGE_CODE):
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo data is ready. Log in at %(url)s with:")
                    % {"url": settings.SITE_URL or "http://127.0.0.1:8000"}
                )
            )
            for login in logins:
                self.stdout.write(
                    f"  {Role(login.role).label:<18} {login.email:<37} {login.description}: {login.what_to_try}"
                )
            self.stdout.write(_("Password for every demo login: %(password)s") % {"password": DEMO_PASSWORD})
