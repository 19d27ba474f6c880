"""Backpressure instead of 500s (backend/grading/admission.py): a per-user work rate, a cap on
one user's unfinished work and a bound on a kind's queue, each refused with 429 or 503, a
``Retry-After`` and a JSON reason, on the API and on the pages; nothing is stored."""

from __future__ import annotations

import pytest
import redis
from django.core.cache import caches

from backend.designs.models import DesignSubmission
from backend.grading.models import JobStatus
from backend.submissions import services
from backend.submissions.models import Submission
from backend.takehomes.models import HandIn
from tests.backend.designs.test_design_api import GOOD_YAML
from tests.backend.factories import (
    HandInFactory,
    ProblemFactory,
    SubmissionFactory,
    UserFactory,
)
from tests.backend.takehomes.conftest import client_for, hand_in_payload

pytestmark = pytest.mark.django_db

CODE = "def add_one(x):\n    return x + 1\n"


@pytest.fixture(autouse=True)
def nothing_sent(monkeypatch):
    for task in ("submissions.tasks.grade_submission", "designs.tasks.grade_design",
                 "takehomes.tasks.grade_hand_in"):
        monkeypatch.setattr(f"backend.{task}.delay", lambda _id: None)


@pytest.fixture
def problem():
    return ProblemFactory(slug="add_one")


def submit(client, key: str | None = None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    body = {"problem": "add_one", "code": CODE, "mode": "run"}
    return client.post("/api/submissions/", body, format="json", **headers)


def assert_refused(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert int(response["Retry-After"]) >= 1
    body = response.json()
    assert body["code"] == code and body["detail"] and body["retry_after"] >= 1


def test_the_work_rate_is_a_429_with_retry_after_and_a_reason(problem, settings):
    settings.CVPREP_WORK_RATE = "2/min"
    client = client_for(UserFactory())
    assert [submit(client).status_code for _ in range(2)] == [201, 201]
    refused = submit(client, key="k-3")
    assert_refused(refused, 429, "throttled")
    assert "try again in" in refused.json()["detail"]
    assert Submission.objects.count() == 2
    assert submit(client_for(UserFactory())).status_code == 201  # per user
    # reads are not work: never throttled
    assert client.get("/api/submissions/").status_code == 200


def test_the_page_and_the_api_share_one_work_rate(prompt, user, settings):
    settings.CVPREP_WORK_RATE = "1/min"
    client = client_for(user)
    body = {"problem": prompt.slug, "write_up": "# Mine", "spec_yaml": GOOD_YAML}
    assert client.post("/api/design-submissions/", body, format="json").status_code == 201
    form = {"write_up": "# Mine", "spec_mode": "yaml", "spec_yaml": GOOD_YAML}
    page = client.post(f"/design/{prompt.slug}/", form)
    assert page.status_code == 429 and int(page["Retry-After"]) >= 1
    assert "too many hand-ins" in page.content.decode()
    assert "# Mine" in page.content.decode()  # the form keeps what was typed
    assert DesignSubmission.objects.count() == 1


def test_a_user_past_the_pending_cap_gets_429_and_others_do_not(problem, settings):
    settings.CVPREP_MAX_PENDING_PER_USER = 2
    busy = UserFactory()
    SubmissionFactory(owner=busy, problem=problem, status=JobStatus.QUEUED)
    SubmissionFactory(owner=busy, problem=problem, status=JobStatus.RUNNING)
    SubmissionFactory(owner=busy, problem=problem, status=JobStatus.DONE)  # finished: not counted
    refused = submit(client_for(busy))
    assert_refused(refused, 429, "too_much_pending_work")
    assert "at most 2" in refused.json()["detail"]
    assert Submission.objects.filter(owner=busy).count() == 3
    assert submit(client_for(UserFactory())).status_code == 201


def test_a_full_queue_is_a_503_for_everyone(problem, settings):
    settings.CVPREP_MAX_QUEUED = 3
    for _ in range(3):
        SubmissionFactory(problem=problem, status=JobStatus.QUEUED)
    refused = submit(client_for(UserFactory()))
    assert_refused(refused, 503, "queue_full")
    assert Submission.objects.count() == 3


def test_a_refusal_is_not_kept_for_the_idempotency_key(problem, settings):
    settings.CVPREP_MAX_QUEUED = 1
    queued = SubmissionFactory(problem=problem, status=JobStatus.QUEUED)
    client = client_for(UserFactory())
    assert submit(client, key="retry-me").status_code == 503
    Submission.objects.filter(pk=queued.pk).update(status=JobStatus.DONE)
    assert submit(client, key="retry-me").status_code == 201  # the retry does the work


def test_the_interview_clock_is_never_refused(problem, settings):
    settings.CVPREP_MAX_QUEUED = 0
    user = UserFactory()
    submission = services.create_submission_at_close(
        user=user, problem=problem, code=CODE, interview=None
    )
    assert submission.status == JobStatus.QUEUED


def test_take_home_hand_ins_are_capped_per_candidate_on_the_api_and_the_page(
    assignment, candidate, package, settings
):
    settings.CVPREP_MAX_PENDING_PER_USER = 1
    HandInFactory(assignment=assignment, status=JobStatus.QUEUED)
    client = client_for(candidate)
    url = f"/api/assignments/{assignment.pk}/hand-ins/"
    api = client.post(url, hand_in_payload(package), format="multipart")
    assert_refused(api, 429, "too_much_pending_work")
    page = client.post(f"/takehomes/assignments/{assignment.pk}/hand-in/",
                       hand_in_payload(package))
    assert page.status_code == 429 and page["Retry-After"] == "10"
    assert "waiting to be graded" in page.content.decode()
    assert HandIn.objects.count() == 1


def test_without_its_cache_the_rate_is_not_enforced_rather_than_failing(
    problem, settings, monkeypatch
):
    settings.CVPREP_WORK_RATE = "1/min"

    def down(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Connection refused")

    monkeypatch.setattr(caches["throttle"], "get", down)
    client = client_for(UserFactory())
    assert [submit(client).status_code for _ in range(2)] == [201, 201]


def test_the_schema_documents_the_refusals_of_every_work_creating_endpoint():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    for path in ("/api/submissions/", "/api/design-submissions/",
                 "/api/assignments/{id}/hand-ins/"):
        responses = paths[path]["post"]["responses"]
        assert {"201", "429", "503"} <= set(responses), (path, sorted(responses))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_cannot_all_take_the_last_pending_slots(problem, settings):
    # admit() counts before the checks, unlocked: without the count repeated under a lock in
    # the transaction that writes the row, twelve requests at once all saw "0 pending".
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection

    from backend.grading.admission import WorkRefused

    settings.CVPREP_MAX_PENDING_PER_USER = 3
    busy = UserFactory()
    start = Barrier(12)

    def one() -> str:
        start.wait()
        try:
            services.create_submission(user=busy, problem=problem, code=CODE, mode="run")
            return "created"
        except WorkRefused:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(lambda _: one(), range(12)))
    assert outcomes.count("created") == 3, outcomes
    assert outcomes.count("refused") == 9
    assert Submission.objects.filter(owner=busy).count() == 3
