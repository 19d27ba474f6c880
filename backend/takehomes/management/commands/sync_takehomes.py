from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.takehomes.models import TakeHome
from backend.takehomes.services import dataset_zip, sync_takehomes
from graders.package import InvalidPackage


class Command(BaseCommand):
    help = (
        "Load take-home packages (kind = takehome) into the database and build their candidate "
        "data zips (cached by fingerprint, so a re-run is instant); report what changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=settings.CVPREP_PROBLEMS_DIR)
        parser.add_argument(
            "--skip-zips",
            action="store_true",
            help="do not build the data zips now (the first download builds its own)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = sync_takehomes(root=options["path"])
        except InvalidPackage as error:
            raise CommandError(f"invalid take-home package: {error}") from error
        self.stdout.write(f"take-homes: {report.summary()}")
        if not options["skip_zips"]:
            for takehome in TakeHome.objects.filter(is_active=True):
                dataset_zip(takehome)
