"""One status endpoint, its live stream and one PNG view, for every registered kind: the job's
owner sees them, anyone else gets a 404 (a 403 asking to sign in when signed out)."""

import pytest
from django.test import Client

from backend.grading import artifacts, kinds
from backend.grading.models import JobStatus
from tests.backend.factories import UserFactory
from tests.backend.grading.test_sweep import FACTORIES
from tests.backend.streams import read_stream

pytestmark = pytest.mark.django_db


@pytest.fixture(params=sorted(FACTORIES))
def kind(request) -> kinds.Kind:
    return kinds.get(request.param)


def owner_of(job):
    return job.assignment.candidate if hasattr(job, "assignment") else job.owner


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


PNG_URLS = {
    "coding": lambda job: f"/api/submissions/{job.id}/images/example/difference.png",
    "design": lambda job: f"/api/design-submissions/{job.id}/plots/latency.png",
    "takehome": lambda job: (
        f"/api/assignments/{job.assignment_id}/hand-ins/{job.id}/plots/latency.png"
    ),
    "takehome_model": lambda job: (
        f"/api/assignments/{job.assignment_id}/model-hand-ins/{job.id}/plots/latency.png"
    ),
}
ARTIFACT_NAMES = {
    "coding": "example/difference",
    "design": "latency",
    "takehome": "latency",
    "takehome_model": "latency",
}


def test_the_status_follows_the_row_and_only_its_owner_sees_it(kind):
    job = FACTORIES[kind.name](status=JobStatus.RUNNING)
    url = f"/api/jobs/{kind.name}/{job.id}/"
    response = client_for(owner_of(job)).get(url)
    assert response.status_code == 200
    assert response.json() == {"kind": kind.name, "id": job.id, "status": "running",
                               "finished": False}
    kind.model.objects.filter(id=job.id).update(status=JobStatus.DONE)
    assert client_for(owner_of(job)).get(url).json()["finished"] is True
    assert client_for(UserFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 403


def test_the_live_stream_of_a_finished_job_says_so_and_ends(kind):
    job = FACTORIES[kind.name](status=JobStatus.DONE)
    response = client_for(owner_of(job)).get(f"/api/jobs/{kind.name}/{job.id}/events/")
    assert response["Content-Type"] == "text/event-stream"
    body = read_stream(response)
    assert body.startswith("event: status\n") and "event: done\n" in body
    assert '"finished": true' in body


def test_an_unknown_kind_is_a_404():
    assert client_for(UserFactory()).get("/api/jobs/nonsense/1/").status_code == 404


def test_one_png_view_serves_every_kind_to_its_owner_only(kind):
    job = FACTORIES[kind.name](status=JobStatus.DONE)
    artifacts.replace(kind.model, job.id, {ARTIFACT_NAMES[kind.name]: b"\x89PNG fake"})
    url = PNG_URLS[kind.name](job)
    response = client_for(owner_of(job)).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content == b"\x89PNG fake"
    assert client_for(UserFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 403
    assert client_for(owner_of(job)).get(url.replace(".png", "x.png")).status_code == 404
