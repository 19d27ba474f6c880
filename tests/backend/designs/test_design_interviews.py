"""Design prompts inside mock interviews: picked, clocked, auto-submitted, reported, reviewed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from backend.designs.models import DesignDraft, DesignSubmission
from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate
from backend.reviews.services import comments_for, scores_for
from tests.backend.designs.test_design_api import GOOD_YAML
from tests.backend.factories import ProblemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_scheduling(monkeypatch):
    monkeypatch.setattr(
        "backend.interviews.tasks.finish_interview.apply_async", lambda *a, **k: None
    )
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda *a: None)


@pytest.fixture
def interview(user, prompt, queued):
    ProblemFactory(slug="warmup", difficulty="easy")
    template = InterviewTemplate.objects.create(
        name="Loop", duration_minutes=10, problem_count=1, design_count=1, difficulty="easy"
    )
    return services.start_interview(user=user, template=template)


def expire(interview: Interview) -> None:
    Interview.objects.filter(pk=interview.pk).update(
        deadline=timezone.now() - timedelta(seconds=1)
    )


def test_a_template_picks_coding_problems_and_design_prompts(interview):
    kinds = sorted(p.kind for p in interview.problems.all())
    assert kinds == ["coding", "design"]


def test_the_clock_hands_in_the_design_draft_and_refuses_later_ones(user, interview, prompt):
    DesignDraft.objects.create(owner=user, problem=prompt, write_up="draft", spec_yaml=GOOD_YAML)
    expire(interview)
    assert services.finish(interview.pk)
    submission = DesignSubmission.objects.get(interview=interview)
    assert submission.automatic and submission.status == "queued"
    assert services.finish(interview.pk) is False  # only once
    api = APIClient()
    api.force_login(user)
    late = api.post("/api/design-submissions/", {
        "problem": prompt.slug, "write_up": "late", "spec_yaml": GOOD_YAML,
        "interview": interview.pk,
    }, format="json")
    assert late.status_code == 400
    assert "submissions are closed" in late.json()["detail"]


def test_an_unchanged_handed_in_design_is_not_submitted_twice(user, interview, prompt):
    api = APIClient()
    api.force_login(user)
    response = api.post("/api/design-submissions/", {
        "problem": prompt.slug, "write_up": "mine", "spec_yaml": GOOD_YAML,
        "interview": interview.pk,
    }, format="json")
    assert response.status_code == 201
    DesignDraft.objects.create(owner=user, problem=prompt, write_up="mine", spec_yaml=GOOD_YAML)
    expire(interview)
    services.finish(interview.pk)
    assert DesignSubmission.objects.filter(interview=interview).count() == 1


def test_the_model_answer_stays_locked_while_the_interview_runs(user, interview, prompt):
    api = APIClient()
    api.force_login(user)
    api.post("/api/design-submissions/", {
        "problem": prompt.slug, "write_up": "mine", "spec_yaml": GOOD_YAML,
        "interview": interview.pk,
    }, format="json")
    detail = api.get(f"/api/design-prompts/{prompt.slug}/").json()
    assert detail["model_answer"] is None
    expire(interview)
    services.finish(interview.pk)
    detail = api.get(f"/api/design-prompts/{prompt.slug}/").json()
    assert detail["model_answer"] is not None


def test_report_shows_the_design_and_a_reviewer_comments_and_scores(user, interview, prompt):
    from backend.designs import tasks

    DesignDraft.objects.create(owner=user, problem=prompt, write_up="my plan", spec_yaml=GOOD_YAML)
    expire(interview)
    services.finish(interview.pk)
    tasks.grade_design(DesignSubmission.objects.get(interview=interview).pk)
    interview.refresh_from_db()

    candidate = Client()
    candidate.force_login(user)
    page = candidate.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "4 of 4 requirements met" in page
    assert "my plan" in page
    assert "strong answer" in page

    reviewer_user = UserFactory()
    reviewer = Client()
    reviewer.force_login(reviewer_user)
    shared = f"/interviews/shared/{interview.share_token}/"
    assert reviewer.get(shared).status_code == 200
    assert reviewer.post(shared, {"action": "comment", "body": "Batching well argued",
                                  "problem": prompt.slug}).status_code == 302
    item = prompt.details["rubric"][0]
    assert reviewer.post(shared, {"action": "score",
                                  f"score-{prompt.slug}.{item['id']}": "2"}).status_code == 302
    too_many = reviewer.post(shared, {"action": "score",
                                      f"score-{prompt.slug}.{item['id']}": "99"})
    assert "between 0" in too_many.content.decode()
    assert scores_for(interview) == {f"{prompt.slug}.{item['id']}": 2.0}
    # The candidate reads the comment and may reply, but not score.
    page = candidate.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "Batching well argued" in page
    parent = comments_for(interview).get()
    assert candidate.post(f"/interviews/{interview.pk}/report/", {
        "action": "comment", "body": "Thanks", "parent": str(parent.pk)}).status_code == 302
    candidate.post(f"/interviews/{interview.pk}/report/", {
        "action": "score", f"score-{prompt.slug}.{item['id']}": "3"})
    assert scores_for(interview)[f"{prompt.slug}.{item['id']}"] == 2.0
    assert comments_for(interview).count() == 2
    # The reviewer sees the design's plots; a stranger does not, nor can they comment.
    design = DesignSubmission.objects.get(interview=interview)
    assert reviewer.get(f"/api/design-submissions/{design.pk}/plots/latency.png").status_code == 200
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(f"/api/design-submissions/{design.pk}/plots/latency.png").status_code == 404
    assert stranger.post(f"/interviews/{interview.pk}/report/",
                         {"action": "comment", "body": "x"}).status_code == 404
    anonymous = Client()
    assert anonymous.post(shared, {"action": "comment", "body": "x"}).status_code == 302
    assert comments_for(interview).count() == 2


def test_the_api_lists_templates_and_tells_design_items_apart(user, interview):
    api = APIClient()
    api.force_login(user)
    templates = api.get("/api/interview-templates/").json()
    assert any(t["name"] == "Loop" and t["design_count"] == 1 for t in templates)
    state = api.get(f"/api/interviews/{interview.pk}/").json()
    assert sorted(item["kind"] for item in state["items"]) == ["coding", "design"]
    assert 0 < state["seconds_left"] <= 600


@pytest.mark.parametrize(
    "form",
    [
        {"action": "resolve", "comment": "abc"},
        {"action": "resolve", "comment": "9" * 30},
        {"action": "comment", "body": "x", "parent": "9" * 30},
        {"action": "comment", "body": "x", "problem": "nope"},
        {"action": "comment", "body": "x", "line": "12", "problem": "\x00"},
        {"action": "comment", "body": "x\x00"},
        {"action": "score", "score-x.y": "1e999"},
        {"action": "explode"},
    ],
)
def test_hostile_review_forms_get_a_message_not_a_500(user, interview, form):
    expire(interview)
    services.finish(interview.pk)
    candidate = Client()
    candidate.force_login(user)
    response = candidate.post(f"/interviews/{interview.pk}/report/", form)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
