from django.core.management.base import BaseCommand

from accounts.models import Role
from core.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo organisations and invented people of all five programmes (idempotent)."

    def handle(self, *args, **options):
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000 with:"))
        for login in logins:
            self.stdout.write(f"  {Role(login.role).label:<18} {login.email:<40} ({login.description})")
        self.stdout.write(f"  Password for every demo login: {DEMO_PASSWORD}")
