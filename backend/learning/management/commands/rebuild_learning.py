from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from backend.learning import services


class Command(BaseCommand):
    help = "Rebuild review schedules from graded submits (all users, or --user NAME)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="only this username")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects.all()
        if options["user"]:
            users = users.filter(username=options["user"])
        for user in users:
            reviews = services.rebuild(user)
            self.stdout.write(f"{user.username}: {reviews} concept reviews")
