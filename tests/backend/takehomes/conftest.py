"""A tiny classification take-home (10 test images), its people, and helpers to hand in."""

from __future__ import annotations

import io
import re
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.test import APIClient

import graders.takehome as engine
from backend.takehomes.models import Assignment, TakeHome
from tests.backend.factories import UserFactory

REPO = Path(__file__).resolve().parents[3]
SLUG = "th_shapes"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def small_takehome(
    root: Path,
    slug: str = SLUG,
    *,
    late_policy: str = "mark",
    visible: bool = True,
    task: str = "classification",
) -> Path:
    """A take-home package of problems/, shrunk to a few images so tests stay fast."""
    source = REPO / "problems" / f"takehome_{task}"
    toml = (source / "problem.toml").read_text()
    for key, value in (("train", 12), ("val", 6), ("test", 10)):
        toml = re.sub(rf"(?m)^{key} = \d+$", f"{key} = {value}", toml)
    toml = re.sub(r'(?m)^late_policy = ".*"$', f'late_policy = "{late_policy}"', toml)
    toml = re.sub(
        r"(?m)^leaderboard_visible_to_candidates = \w+$",
        f"leaderboard_visible_to_candidates = {'true' if visible else 'false'}",
        toml,
    )
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "problem.toml").write_text(toml)
    (folder / "brief.md").write_text((source / "brief.md").read_text())
    return folder


@pytest.fixture
def takehome_root(tmp_path: Path, settings) -> Path:
    root = tmp_path / "problems"
    root.mkdir()
    small_takehome(root)
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    return root


@pytest.fixture
def takehome(takehome_root, db) -> TakeHome:
    call_command("sync_takehomes", "--path", str(takehome_root), "--skip-zips", stdout=StringIO())
    return TakeHome.objects.get(slug=SLUG)


@pytest.fixture
def package(takehome):
    return engine.load_takehome(Path(takehome_root_of(takehome)))


def takehome_root_of(takehome: TakeHome) -> Path:
    from django.conf import settings

    return Path(settings.CVPREP_PROBLEMS_DIR) / takehome.slug


def make_reviewer(username: str):
    user = UserFactory(username=username)
    group, _ = Group.objects.get_or_create(name="reviewers")
    user.groups.add(group)
    return user


@pytest.fixture
def reviewer(db):
    return make_reviewer("rita")


@pytest.fixture
def candidate(db):
    return UserFactory(username="carl")


@pytest.fixture
def assignment(takehome, reviewer, candidate) -> Assignment:
    from backend.takehomes import services

    return services.create_assignment(reviewer=reviewer, takehome=takehome, candidate=candidate)


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_login(user)  # the session works for the pages and the API alike
    return api


@pytest.fixture
def sent(monkeypatch) -> list[int]:
    """Hand-in ids enqueued for grading (the broker is not involved)."""
    ids: list[int] = []
    monkeypatch.setattr("backend.takehomes.tasks.grade_hand_in.delay", ids.append)
    # the sweeps re-send at the recovery priority
    monkeypatch.setattr(
        "backend.takehomes.tasks.grade_hand_in.apply_async", lambda args, **_: ids.append(args[0])
    )
    return ids


def code_zip(files: dict[str, bytes | str] | None = None) -> bytes:
    files = files or {
        "train.py": "import numpy as np\n\n\ndef train(x):\n    return x * 2  # <b>not bold</b>\n",
        "README.md": "# How to run\n\n`python train.py`\n",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16  # a regular file, as zip(1) and shutil write
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def predictions_csv(package, label: str | None = None, *, right: bool = False) -> bytes:
    from graders.takehome.dataset import split_image_ids, test_labels

    lines = ["image_id,label"]
    if right:
        truth = test_labels(package)
        for image_id, scene in zip(truth.image_ids, truth.scenes, strict=True):
            lines.append(f"{image_id},{package.dataset.classes[scene.label]}")
    else:
        for image_id in split_image_ids(package.dataset, "test"):
            lines.append(f"{image_id},{label or package.dataset.classes[0]}")
    return ("\n".join(lines) + "\n").encode()


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def hand_in_payload(
    package,
    *,
    predictions: bytes | None = None,
    code: bytes | None = None,
    writeup: bytes = b"# Write-up\n\nA small CNN.",
    latency: str = "3.2",
    predictions_name: str = "predictions.csv",
    code_name: str = "code.zip",
):
    payload = {
        "predictions": upload(predictions_name, predictions or predictions_csv(package)),
        "code": upload(code_name, code if code is not None else code_zip()),
        "writeup": upload("WRITEUP.md", writeup),
    }
    if latency:
        payload["reported_latency_ms"] = latency
    return payload


def post_hand_in(user, assignment, package, **kwargs):
    return client_for(user).post(
        f"/api/assignments/{assignment.pk}/hand-ins/",
        hand_in_payload(package, **kwargs),
        format="multipart",
    )
