"""A POST sent again with the same idempotency key creates its work once (backend/idempotency)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.idempotency.models import IdempotentRequest
from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, UserFactory

pytestmark = pytest.mark.django_db

CODE = "def add_one(x):\n    return x + 1\n"


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture(autouse=True)
def problem(monkeypatch):
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    return ProblemFactory(slug="add_one")


def submit(client: APIClient, key: str | None, code: str = CODE):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post("/api/submissions/", {"problem": "add_one", "code": code, "mode": "run"},
                       format="json", **headers)


def test_a_repeated_key_returns_the_first_answer_and_creates_nothing(api):
    first = submit(api, "k-1")
    again = submit(api, "k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Submission.objects.count() == 1


def test_without_a_key_every_post_is_new_work(api):
    submit(api, None)
    submit(api, None)
    assert Submission.objects.count() == 2


def test_keys_belong_to_their_client(api, user):
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")
    submit(api, "shared")
    answer = submit(other, "shared")
    assert answer.status_code == 201 and "Idempotent-Replayed" not in answer
    assert Submission.objects.count() == 2


def test_the_same_key_with_another_body_is_refused(api):
    submit(api, "k-2")
    answer = submit(api, "k-2", code=CODE + "# changed\n")
    assert answer.status_code == 422
    assert answer.json()["code"] == "idempotency_key_reused"
    assert Submission.objects.count() == 1


def test_a_key_still_being_answered_gets_409_with_retry_after(api):
    submit(api, "k-3")
    # as if the first request were still in its view: claimed, no answer kept yet
    IdempotentRequest.objects.update(status_code=None)
    answer = submit(api, "k-3")
    assert answer.status_code == 409 and answer["Retry-After"] == "1"
    assert answer.json()["code"] == "idempotency_key_in_flight"
    assert Submission.objects.count() == 1


def test_a_refusal_is_kept_like_any_answer(api, settings):
    settings.CVPREP_MAX_CODE_BYTES = 10
    first = submit(api, "k-4")
    again = submit(api, "k-4")
    assert first.status_code == again.status_code == 400
    assert again["Idempotent-Replayed"] == "true"
    assert Submission.objects.count() == 0


def test_a_server_error_is_not_kept(api, monkeypatch):
    def explode(**_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("backend.submissions.api.services.create_submission", explode,
                        raising=False)
    failing = APIClient(raise_request_exception=False)
    failing.credentials(**api._credentials)
    if submit(failing, "k-5").status_code < 500:
        pytest.skip("create_submission is not where the API creates work")
    monkeypatch.undo()
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    assert submit(api, "k-5").status_code == 201
    assert Submission.objects.count() == 1


def test_a_key_over_200_characters_is_refused(api):
    answer = submit(api, "k" * 201)
    assert answer.status_code == 400 and answer.json()["code"] == "idempotency_key_too_long"


def test_a_re_sent_design_form_hands_in_once(client, user, settings, tmp_path):
    import shutil
    from pathlib import Path

    from backend.catalog.services import sync_problems
    from backend.designs.models import DesignSubmission

    repo = Path(__file__).resolve().parents[3]
    root = tmp_path / "problems"
    root.mkdir()
    for name in ("components", "design_multicam_detection"):
        shutil.copytree(repo / "problems" / name, root / name)
    settings.CVPREP_PROBLEMS_DIR = root
    sync_problems(root=root)
    client.force_login(user)
    page = client.get("/design/design_multicam_detection/").content.decode()
    assert 'name="idempotency_key"' in page
    form = {"write_up": "Mine", "spec_mode": "yaml", "idempotency_key": "form-1",
            "spec_yaml": (root / "design_multicam_detection" / "model_spec.yaml").read_text()}
    first = client.post("/design/design_multicam_detection/", form)
    again = client.post("/design/design_multicam_detection/", form)
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert DesignSubmission.objects.count() == 1
