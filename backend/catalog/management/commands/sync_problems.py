from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

import graders
from backend.catalog.services import sync_problems


class Command(BaseCommand):
    help = "Load problem packages into the database (idempotent); report what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=settings.CVPREP_PROBLEMS_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = sync_problems(root=options["path"])
        except graders.InvalidPackage as error:
            raise CommandError(f"invalid package: {error}") from error
        self.stdout.write(report.summary())
