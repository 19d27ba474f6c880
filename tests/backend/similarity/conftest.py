from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from backend.takehomes.access import REVIEWERS_GROUP
from backend.takehomes.models import Assignment, HandIn, TakeHome
from tests.backend.factories import UserFactory


def code_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def takehome(db) -> TakeHome:
    return make_takehome()


def make_takehome() -> TakeHome:
    return TakeHome.objects.create(
        slug="th_boxes",
        title="Box detector",
        task="detection",
        brief="Detect boxes.",
        rubric=[],
        deadline_hours=48,
        late_policy="mark",
        fingerprint="0" * 16,
    )


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def make_reviewer():
    user = UserFactory(username="rita")
    user.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    return user


def hand_in(
    takehome: TakeHome, owner, candidate_name: str, files: dict[str, str], predictions: bytes
) -> HandIn:
    assignment = Assignment.objects.create(
        takehome=takehome,
        candidate=UserFactory(username=candidate_name),
        owner=owner,
        deadline=timezone.now() + timedelta(days=2),
    )
    return HandIn.objects.create(
        assignment=assignment,
        predictions=predictions,
        predictions_name="predictions.json",
        code_zip=code_zip(files),
        code_name="code.zip",
        writeup="How I did it.",
        status="done",
    )
