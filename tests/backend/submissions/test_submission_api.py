import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def client(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.fixture
def problem():
    return ProblemFactory(slug="add_one")


def post(client, **data):
    payload = {"problem": "add_one", "code": "def add_one(x):\n    return x + 1\n", "mode": "run"}
    payload.update(data)
    return client.post("/api/submissions/", payload, format="json")


def test_anonymous_cannot_submit(problem):
    response = APIClient().post(
        "/api/submissions/", {"problem": "add_one", "code": "", "mode": "run"}, format="json"
    )
    assert response.status_code in (401, 403)


def test_create_saves_queued_and_enqueues_after_commit(
    client, problem, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "queued" and body["verdict"] is None
    assert len(callbacks) == 1 and sent == [body["id"]]


def test_token_authentication_works(user, problem, monkeypatch):
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    token = Token.objects.create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert post(api).status_code == 201


def test_obtain_token_with_password():
    get_user_model().objects.create_user("alice", password="s3cret-pass!")
    response = APIClient().post(
        "/api/auth/token/", {"username": "alice", "password": "s3cret-pass!"}
    )
    assert response.status_code == 200 and response.json()["token"]


def test_code_over_64_kib_is_refused_with_reason(client, problem):
    response = post(client, code="#" * (64 * 1024 + 1))
    assert response.status_code == 400
    assert "64 KiB" in response.json()["detail"]


def test_code_at_64_kib_is_accepted(client, problem, monkeypatch):
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    assert post(client, code="#" * (64 * 1024)).status_code == 201


def test_nul_in_code_is_refused(client, problem):
    response = post(client, code="def add_one(x):\n    return '\x00'\n")
    assert response.status_code == 400 and "null character" in response.json()["detail"].lower()


def test_invalid_utf8_body_is_refused(client, problem):
    body = b'{"problem": "add_one", "mode": "run", "code": "\xff\xfe"}'
    response = client.generic("POST", "/api/submissions/", body, content_type="application/json")
    assert response.status_code == 400


def test_malformed_json_and_wrong_types_are_400(client, problem):
    assert (
        client.generic(
            "POST", "/api/submissions/", b"{not json", content_type="application/json"
        ).status_code
        == 400
    )
    assert post(client, code=123).status_code == 400 or post(client, code=["x"]).status_code == 400
    assert post(client, mode="fast").status_code == 400
    assert post(client, problem="missing").status_code == 400


def test_custom_input_only_in_run_mode(client, problem):
    response = post(client, mode="submit", custom_input='{"x": [1]}')
    assert response.status_code == 400 and "run mode" in response.json()["detail"]


def test_candidates_see_only_their_own_submissions(client, user, problem):
    mine = SubmissionFactory(owner=user, problem=problem)
    theirs = SubmissionFactory(problem=problem)
    assert client.get(f"/api/submissions/{mine.id}/").status_code == 200
    assert client.get(f"/api/submissions/{theirs.id}/").status_code == 404
    listed = [row["id"] for row in client.get("/api/submissions/").json()["results"]]
    assert listed == [mine.id]


def test_list_filters_by_problem(client, user, problem):
    other = ProblemFactory(slug="nms")
    SubmissionFactory(owner=user, problem=problem)
    SubmissionFactory(owner=user, problem=other)
    rows = client.get("/api/submissions/?problem=nms").json()["results"]
    assert [row["problem"] for row in rows] == ["nms"]


def test_submission_detail_shows_no_hidden_case_data(client, user, problem):
    result = {
        "verdict": "wrong_answer",
        "score": 0.5,
        "passed": 1,
        "total": 2,
        "message": "",
        "limits": None,
        "cases": [
            {"name": "example", "sample": True, "verdict": "accepted", "input_preview": {"x": 1}},
            {
                "name": "big",
                "sample": False,
                "verdict": "wrong_answer",
                "message": "wrong answer on a hidden case",
            },
        ],
    }
    submission = SubmissionFactory(
        owner=user, problem=problem, status=Submission.Status.DONE, result=result
    )
    cases = client.get(f"/api/submissions/{submission.id}/").json()["result"]["cases"]
    assert "input_preview" not in cases[1]


def test_absurd_pagination_is_clamped_not_a_server_error(client):
    response = client.get(
        "/api/submissions/?limit=176678379074932391259668480000&offset=10000000000000000000000"
    )
    assert response.status_code == 200


def test_a_limit_or_offset_that_is_not_a_whole_number_is_a_400_naming_it(client):
    # Read as the first page, a typo would page a client through page one for ever.
    response = client.get("/api/problems/?limit=-5&offset=abc")
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]
    response = client.get("/api/problems/?offset=abc")
    assert response.status_code == 400 and "offset" in response.json()["errors"]
    assert client.get("/api/problems/?offset=2&offset=3").status_code == 400
    assert client.get("/api/problems/?limit=1&offset=0").json()["results"] is not None


def test_custom_input_the_worker_cannot_use_is_refused_when_posted(
    client, problem, problems_root
):
    nested = "[" * 30000 + "]" * 30000
    response = post(client, custom_input=nested)
    assert response.status_code == 400
    assert "JSON object" in response.json()["detail"]
    assert post(client, custom_input='{"y": [1]}').status_code == 400
    assert not Submission.objects.exists()


def test_usable_custom_input_is_accepted(client, problem, problems_root):
    response = post(client, custom_input='{"x": [1, 2]}')
    assert response.status_code == 201, response.json()
