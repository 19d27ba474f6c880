"""Chunks of a recording arrive while the interview runs, bounded; after it, the report's
player shows a log that replays and says so of one that does not."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.interviews.models import Interview, InterviewProblem, InterviewTemplate
from backend.playback.models import Recording
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory
from tests.backend.playback.logs import Typist, replace_all

pytestmark = pytest.mark.django_db

STARTER = "def f(x):\n    raise NotImplementedError\n"


@pytest.fixture
def setup(client):
    user = UserFactory()
    problem = ProblemFactory(slug="add", title="Add", starter=STARTER)
    template = InterviewTemplate.objects.create(name="Coding", duration_minutes=45)
    interview = Interview.objects.create(
        candidate=user, template=template, deadline=timezone.now() + timedelta(minutes=30)
    )
    InterviewProblem.objects.create(interview=interview, problem=problem, position=0)
    client.force_login(user)
    return user, problem, interview


def url(interview, slug="add"):
    return reverse("api-interview-recording", args=[interview.pk, slug])


def send(client, interview, events, segment="page-1", slug="add"):
    now = int(time.time() * 1000)
    body = {"segment": segment, "sent": now, "events": events}
    return client.post(url(interview, slug), json.dumps(body), content_type="application/json")


def finish(interview, problem, user, code):
    Interview.objects.filter(id=interview.id).update(
        status="finished",
        deadline=timezone.now() - timedelta(minutes=2),
        finished_at=timezone.now() - timedelta(minutes=2),
    )
    SubmissionFactory(
        owner=user,
        problem=problem,
        interview=interview,
        code=code,
        status="done",
        verdict="accepted",
        automatic=True,
    )


def now_events(events):
    """The typist's times moved to just now, as the page's clock would give them."""
    base = int(time.time() * 1000) - 60_000
    return [{**e, "t": base + e["t"]} for e in events]


def test_a_recording_that_replays_gets_a_player_on_the_report(client, setup):
    user, problem, interview = setup
    typist = Typist(STARTER).type("# plan: add one\n").away(9_000).paste("y = 1\n")
    events = now_events(typist.events)
    assert send(client, interview, events[:10]).status_code == 204
    assert send(client, interview, events[10:]).status_code == 204
    finish(interview, problem, user, typist.doc)
    page = client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert "replay to exactly the code handed in" in page and 'class="player"' in page
    data = json.loads(page.split('id="add-playback" type="application/json">')[1].split("<")[0])
    changes = [event for event in typist.events if event["k"] == "ch"]
    assert data["starter"] == STARTER and len(data["events"]) == len(changes) == 17
    kinds = [marker["kind"] for marker in data["markers"]]
    assert kinds == ["away", "paste", "submit"]
    assert Recording.objects.get().status == "replays"


def test_a_forged_recording_is_shown_as_not_replaying_and_dropped(client, setup):
    user, problem, interview = setup
    solution = STARTER.replace("raise NotImplementedError", "return x + 1")
    forged = [
        {"k": "seg", "t": 1000},
        {"k": "ch", "t": 2000, "c": replace_all(STARTER, solution), "u": ""},
    ]
    assert send(client, interview, now_events(forged)).status_code == 204
    finish(interview, problem, user, solution)
    page = client.get(reverse("interview-report", args=[interview.pk])).content.decode()
    assert "This recording does not replay" in page and 'class="player"' not in page
    recording = Recording.objects.get()
    assert recording.status == "does_not_replay" and recording.events == []


def test_chunks_are_refused_after_the_end_from_others_and_past_the_bound(client, setup, settings):
    user, problem, interview = setup
    typed = now_events(Typist(STARTER).type("abc").events)
    other = ProblemFactory(slug="other")
    assert send(client, interview, typed, slug="other").status_code == 400
    assert send(client, interview, [{"k": "keylog", "t": 1}]).status_code == 400
    assert send(client, interview, []).status_code == 400
    future = [{"k": "ch", "t": int(time.time() * 1000) + 60_000, "c": [3], "u": "x"}]
    assert send(client, interview, future).status_code == 400  # after it was sent
    settings.CVPREP_RECORDING_MAX_BYTES = 300
    assert send(client, interview, typed).status_code == 204
    assert send(client, interview, typed).status_code == 204
    recording = Recording.objects.get()
    assert recording.status == "overflow" and recording.events == []
    client.force_login(UserFactory())
    assert send(client, interview, typed).status_code == 404
    Interview.objects.filter(id=interview.id).update(status="finished")
    client.force_login(user)
    response = send(client, interview, typed)
    assert response.status_code == 409 and "over" in response.json()["detail"]
    assert other.slug == "other"
