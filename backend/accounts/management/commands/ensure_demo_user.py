from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-pass-123"


class Command(BaseCommand):
    help = "Create the demo account (demo / demo-pass-123) if it does not exist."

    def handle(self, *args: Any, **options: Any) -> None:
        user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(f"demo account: {DEMO_USERNAME} / {DEMO_PASSWORD}")
