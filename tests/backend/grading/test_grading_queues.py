"""`manage.py grading_queues`: what `./cvprep worker --queues` consumes, by kind or queue."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def queues(*names: str) -> str:
    out = StringIO()
    call_command("grading_queues", *names, stdout=out)
    return out.getvalue().strip()


def test_no_names_is_every_kinds_queue_and_not_maintenance(settings):
    assert queues().split(",") == list(dict.fromkeys(settings.CVPREP_GRADING_QUEUES.values()))


def test_kind_names_map_to_their_queues_and_queue_names_to_themselves():
    assert queues("coding,design") == "celery,design"
    assert queues("celery,coding,takehome") == "celery,takehome"
    assert queues("maintenance") == "maintenance"


def test_an_unknown_name_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match=r"unknown queue or kind: codng \(known: .*coding"):
        queues("codng")
