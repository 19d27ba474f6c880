"""Handing in through the API: what is accepted, and every refusal as a 400 that says why."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from backend.takehomes.models import HandIn
from tests.backend.takehomes.conftest import client_for, code_zip, post_hand_in, predictions_csv

pytestmark = pytest.mark.django_db


def test_a_valid_hand_in_is_saved_queued_and_enqueued_after_commit(
    assignment, candidate, package, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr("backend.takehomes.tasks.grade_hand_in.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_hand_in(candidate, assignment, package)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "queued" and body["is_late"] is False
    assert sent == [body["id"]]
    hand_in = HandIn.objects.get()
    assert hand_in.reported_latency_ms == 3.2 and hand_in.writeup.startswith("# Write-up")


def test_several_hand_ins_are_all_kept_and_the_latest_is_listed_first(
    assignment, candidate, package, sent
):
    first = post_hand_in(candidate, assignment, package).json()["id"]
    second = post_hand_in(candidate, assignment, package).json()["id"]
    listed = client_for(candidate).get(f"/api/assignments/{assignment.pk}/hand-ins/").json()
    assert [row["id"] for row in listed] == [second, first]


def test_predictions_errors_name_the_offending_entry(assignment, candidate, package, sent):
    bad = predictions_csv(package).replace(b"circle", b"hexagon-ish", 1)
    response = post_hand_in(candidate, assignment, package, predictions=bad)
    assert response.status_code == 400
    messages = response.json()["errors"]["predictions"]
    assert any("hexagon-ish" in message for message in messages), messages
    assert not HandIn.objects.exists() and sent == []


def test_predictions_file_type_is_checked(assignment, candidate, package, sent):
    response = post_hand_in(candidate, assignment, package, predictions_name="predictions.exe")
    assert response.status_code == 400
    assert "predictions" in response.json()["errors"]


def zip_with_raw_name(name: str, content: bytes = b"x = 1\n") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (zip_with_raw_name("../../etc/evil.py"), ".."),
        (zip_with_raw_name("/abs/evil.py"), "absolute"),
        (code_zip({"weights.bin": b"\0" * 10}), "not allowed"),
        (code_zip({"inner.zip": code_zip()}), "archive"),
        (b"this is not a zip", "zip"),
    ],
    ids=["zip-slip", "absolute-path", "file-type", "nested-archive", "not-a-zip"],
)
def test_hostile_or_wrong_code_archives_are_refused(
    assignment, candidate, package, sent, code, expected
):
    response = post_hand_in(candidate, assignment, package, code=code)
    assert response.status_code == 400, response.content
    assert expected in " ".join(response.json()["errors"]["code"])


def test_a_zip_bomb_is_refused(assignment, candidate, package, sent, settings):
    bomb = code_zip({"data.csv": b"0" * (8 * 1024 * 1024)})  # ~8 MiB of zeros, ~8 KiB zipped
    settings.CVPREP_TAKEHOME_MAX_CODE_UNPACKED_BYTES = 4 * 1024 * 1024
    response = post_hand_in(candidate, assignment, package, code=bomb)
    assert response.status_code == 400
    assert "code" in response.json()["errors"]


def test_oversize_files_are_refused_before_they_are_read(
    assignment, candidate, package, sent, settings
):
    settings.CVPREP_TAKEHOME_MAX_PREDICTIONS_BYTES = 100
    response = post_hand_in(candidate, assignment, package)
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]["predictions"][0]


def test_classification_needs_a_reported_latency(assignment, candidate, package, sent):
    response = post_hand_in(candidate, assignment, package, latency="")
    assert response.status_code == 400
    assert "reported_latency_ms" in response.json()["errors"]
    response = post_hand_in(candidate, assignment, package, latency="fast")
    assert response.status_code == 400


def test_a_write_up_is_required(assignment, candidate, package, sent):
    response = post_hand_in(candidate, assignment, package, writeup=b"   ")
    assert response.status_code == 400 and "writeup" in response.json()["errors"]


def test_after_the_deadline_mark_policy_accepts_and_marks_late(
    assignment, candidate, package, sent
):
    assignment.deadline = timezone.now() - timedelta(minutes=1)
    assignment.save()
    response = post_hand_in(candidate, assignment, package)
    assert response.status_code == 201 and response.json()["is_late"] is True


def test_after_the_deadline_refuse_policy_refuses(assignment, candidate, package, sent):
    assignment.takehome.late_policy = "refuse"
    assignment.takehome.save()
    assignment.deadline = timezone.now() - timedelta(minutes=1)
    assignment.save()
    response = post_hand_in(candidate, assignment, package)
    assert response.status_code == 400
    assert "deadline" in response.json()["errors"]
    assert not HandIn.objects.exists()


def test_only_the_candidate_hands_in(assignment, reviewer, package, sent):
    assert post_hand_in(reviewer, assignment, package).status_code == 403


def test_missing_files_are_400s_and_oversize_text_fields_413s_not_500s(
    assignment, candidate, package, sent
):
    api = client_for(candidate)
    url = f"/api/assignments/{assignment.pk}/hand-ins/"
    response = api.post(url, {"writeup": "# hi", "reported_latency_ms": "3"}, format="multipart")
    assert response.status_code == 400 and "predictions" in response.json()["errors"]
    huge = api.post(url, {"writeup": "x" * 700_000}, format="multipart")
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]


def test_a_hand_in_over_the_request_limit_is_a_413_and_a_form_without_files_a_415(
    assignment, candidate, package, sent, settings
):
    settings.CVPREP_TAKEHOME_MAX_REQUEST_BYTES = 100
    response = post_hand_in(candidate, assignment, package)
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "request_too_large" and "limit is 100" in body["detail"]
    url = f"/api/assignments/{assignment.pk}/hand-ins/"
    form = client_for(candidate).post(
        url, "writeup=hi", content_type="application/x-www-form-urlencoded"
    )  # a form that cannot carry the files
    assert form.status_code == 415
