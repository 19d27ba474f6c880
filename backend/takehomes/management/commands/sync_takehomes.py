from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from graders.package import InvalidPackage


class Command(BaseCommand):
    help = "Load take-home packages (kind = takehome) into the database; report what changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=settings.CVPREP_PROBLEMS_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        from backend.takehomes.services import sync_takehomes

        try:
            report = sync_takehomes(root=options["path"])
        except InvalidPackage as error:
            raise CommandError(f"invalid take-home package: {error}") from error
        self.stdout.write(f"take-homes: {report.summary()}")
