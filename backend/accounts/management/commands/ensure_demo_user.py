from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from backend.accounts.roles import REVIEWERS_GROUP

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-pass-123"
# A second account in the reviewers group, so one machine can play both sides of a take-home.
REVIEWER_USERNAME = "reviewer"
REVIEWER_PASSWORD = "reviewer-pass-123"


class Command(BaseCommand):
    help = (
        "Create the demo accounts if they do not exist: a candidate (demo / demo-pass-123) and "
        "a reviewer (reviewer / reviewer-pass-123, in the reviewers group)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        for username, password in ((DEMO_USERNAME, DEMO_PASSWORD),
                                   (REVIEWER_USERNAME, REVIEWER_PASSWORD)):
            user, created = users.get_or_create(username=username)
            if created:
                user.set_password(password)
                user.save()
            if username == REVIEWER_USERNAME:
                group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
                user.groups.add(group)
            self.stdout.write(f"demo account: {username} / {password}")
