"""Design prompts and submissions through the API: field errors, grading once, the answer's
visibility, self-assessment."""

from __future__ import annotations

import copy

import pytest
from rest_framework.test import APIClient

from backend.designs import services, tasks
from backend.designs.models import DesignAnswer, DesignSubmission
from backend.grading import kinds
from backend.grading.sweep import sweep
from tests.backend.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_YAML = """
sample_every: 1
stages:
  - {name: decode, kind: decode, device: nvdec, replicas: 8}
  - {name: preprocess, kind: preprocess, device: cpu-core, replicas: 12}
  - {name: detect, kind: inference, model: yolov8s-int8, device: t4, replicas: 10,
     batch_size: 16, batch_timeout_ms: 8}
  - {name: nms, kind: postprocess, device: cpu-core, replicas: 4}
"""


@pytest.fixture
def api(user):
    """Signed in with a session, so the plain Django views (plots) see the user too."""
    client = APIClient()
    client.force_login(user)
    return client


def submit(api, **fields):
    body = {"problem": "design_multicam_detection", "write_up": "# My design", **fields}
    return api.post("/api/design-submissions/", body, format="json")


def test_sync_stores_the_prompt_and_keeps_the_answer_apart(prompt):
    assert prompt.kind == "design"
    assert prompt.details["requirements"]["streams"] == 200
    assert all("strong_answer" not in item for item in prompt.details["rubric"])
    answer = DesignAnswer.objects.get(problem=prompt)
    assert "Latency budget" in answer.model_answer
    assert all(item["strong_answer"] for item in answer.rubric)


def test_prompt_detail_hides_the_model_answer_until_a_design_is_handed_in(api, prompt, queued):
    detail = api.get("/api/design-prompts/design_multicam_detection/").json()
    assert detail["model_answer"] is None
    assert detail["requirements"]["latency_budget_ms"] == 100
    assert "strong_answer" not in str(detail)
    assert submit(api, spec_yaml=GOOD_YAML).status_code == 201
    detail = api.get("/api/design-prompts/design_multicam_detection/").json()
    assert "Latency budget" in detail["model_answer"]["markdown"]
    assert detail["model_answer"]["rubric"][0]["strong_answer"]


def test_design_prompts_are_not_coding_problems(api, prompt):
    assert api.get("/api/problems/design_multicam_detection/").status_code == 404
    listed = api.get("/api/design-prompts/").json()
    assert [p["slug"] for p in listed["results"]] == ["design_multicam_detection"]


def test_design_prompts_are_searched_and_filtered_like_the_catalog(api, prompt):
    def slugs(query: str) -> list[str]:
        return [p["slug"] for p in api.get(f"/api/design-prompts/?{query}").json()["results"]]

    assert slugs("search=multicam") == ["design_multicam_detection"]
    assert slugs("search=no-such-words") == []
    assert slugs(f"difficulty={prompt.difficulty}") == ["design_multicam_detection"]


def test_no_list_documents_a_search_that_filters_nothing():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/submissions/", "/api/design-submissions/"):
        names = [p["name"] for p in schema["paths"][path]["get"].get("parameters", [])]
        assert "search" not in names, path


def test_a_bad_spec_gets_field_errors_and_nothing_is_stored(api, prompt, queued):
    spec = {"stages": [
        {"name": "decode", "kind": "decode", "device": "nvdec", "replicas": -1},
        {"name": "detect", "kind": "inference", "model": "nope", "device": "t4",
         "replicas": 1},
    ]}
    response = submit(api, spec=spec)
    assert response.status_code == 400
    errors = response.json()["errors"]["spec"]
    assert "between 1" in errors["stages[0].replicas"]
    assert "unknown model" in errors["stages[1].model"]
    assert DesignSubmission.objects.count() == 0
    assert queued == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"spec_yaml": "stages: ["}, "spec"),
        ({}, "spec"),
        ({"spec_yaml": GOOD_YAML, "spec": {}}, "spec"),
        ({"spec": "not a mapping"}, "spec"),
        ({"spec_yaml": GOOD_YAML, "write_up": "a\x00b"}, "write_up"),
        ({"spec_yaml": GOOD_YAML, "problem": "nms"}, "problem"),
        ({"spec_yaml": GOOD_YAML, "interview": 999}, "interview"),
    ],
)
def test_malformed_requests_are_400s(api, prompt, queued, body, field):
    response = submit(api, **body)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_a_stage_that_cannot_keep_up_is_refused_with_the_replicas_it_needs(api, prompt, queued):
    response = submit(api, spec_yaml=GOOD_YAML.replace("replicas: 10", "replicas: 3"))
    assert response.status_code == 400
    assert "needs at least 8 replicas" in response.json()["errors"]["spec"]["stages[2].replicas"]


def test_graded_exactly_once_with_report_and_plots(api, prompt, queued,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(api, spec_yaml=GOOD_YAML)
    assert response.status_code == 201
    submission_id = response.json()["id"]
    assert queued == [submission_id]
    tasks.grade_design(submission_id)
    tasks.grade_design(submission_id)  # a duplicate delivery does nothing
    submission = DesignSubmission.objects.get(id=submission_id)
    assert submission.status == "done"
    assert submission.attempts == 1
    assert submission.score == 1.0
    body = api.get(f"/api/design-submissions/{submission_id}/").json()
    checks = {c["key"]: c for c in body["report"]["checks"]}
    assert checks["p99_ms"]["passed"] and checks["cost_per_hour"]["value"] == pytest.approx(6.188)
    png = api.get(body["plots"]["latency"])
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    # The page reads served against the frames that arrived, not against the offered mean.
    metrics = body["report"]["metrics"]
    page = api.get(f"/design/submissions/{submission_id}/").content.decode()
    assert (f"frames/s served of {metrics['arrived_fps']:.0f} arrived "
            f"({metrics['offered_fps']:.0f}/s offered on average)") in page


def test_other_candidates_cannot_read_a_design_or_its_plots(api, prompt, queued):
    submission_id = submit(api, spec_yaml=GOOD_YAML).json()["id"]
    tasks.grade_design(submission_id)
    other = APIClient()
    other.force_login(UserFactory())
    assert other.get(f"/api/design-submissions/{submission_id}/").status_code == 404
    assert other.get(
        f"/api/design-submissions/{submission_id}/plots/latency.png"
    ).status_code == 404
    assert other.get("/api/design-submissions/").json()["count"] == 0


def test_self_assessment_is_checked_against_the_rubric(api, prompt, queued):
    submission_id = submit(api, spec_yaml=GOOD_YAML).json()["id"]
    url = f"/api/design-submissions/{submission_id}/self-assessment/"
    rubric = {item["id"]: item["points"] for item in prompt.details["rubric"]}
    too_many = {item: points + 1 for item, points in rubric.items()}
    response = api.post(url, {"scores": too_many}, format="json")
    assert response.status_code == 400
    assert "between 0" in next(iter(response.json()["errors"]["scores"].values()))
    missing = dict(list(rubric.items())[1:])
    assert api.post(url, {"scores": missing}, format="json").status_code == 400
    unknown = {**rubric, "charisma": 1}
    response = api.post(url, {"scores": unknown}, format="json")
    assert "charisma" in response.json()["errors"]["scores"]
    response = api.post(url, {"scores": rubric}, format="json")
    assert response.status_code == 200
    assert response.json()["self_assessment"] == rubric


def test_a_lost_queue_message_is_recovered_by_the_sweep(
    api, prompt, queued, settings, empty_broker
):
    submission_id = submit(api, spec_yaml=GOOD_YAML).json()["id"]
    settings.CVPREP_STALE_QUEUED_SECONDS = 0
    DesignSubmission.objects.filter(id=submission_id).update(enqueued_at=None)
    queued.clear()
    assert sweep(kinds.get("design")) == 1
    assert queued == [submission_id]


def test_the_clock_stores_an_invalid_draft_as_invalid_rather_than_losing_it(user, prompt, queued):
    submission = services.create_design_submission_at_close(
        user=user, problem=prompt, write_up="ran out of time", spec="stages: [", interview=None
    )
    assert submission.status == "invalid"
    assert submission.score == 0.0
    assert "yaml" in submission.spec_errors
    assert queued == []


def test_spec_check_endpoint_normalises_without_storing(api, prompt):
    response = api.post("/api/design-prompts/design_multicam_detection/check/",
                         {"spec_yaml": GOOD_YAML}, format="json")
    assert response.status_code == 200
    assert response.json()["spec"]["stages"][2]["batch_size"] == 16
    bad = copy.deepcopy(response.json()["spec"])
    bad["stages"][2]["batch_size"] = 0
    response = api.post("/api/design-prompts/design_multicam_detection/check/",
                        {"spec": bad}, format="json")
    assert response.status_code == 400
    assert "stages[2].batch_size" in response.json()["errors"]["spec"]
    assert DesignSubmission.objects.count() == 0


def test_drafts_round_trip(api, prompt):
    url = "/api/design-prompts/design_multicam_detection/draft/"
    assert api.get(url).json()["spec_yaml"] == prompt.starter
    assert api.put(url, {"write_up": "w", "spec_yaml": "s"}, format="json").status_code == 200
    assert api.get(url).json() == {"write_up": "w", "spec_yaml": "s", "saved": True}


def test_json_nested_too_deep_is_a_400_not_a_500(api, prompt):
    body = "[" * 50_000 + "]" * 50_000
    response = api.post("/api/design-submissions/", body, content_type="application/json")
    assert response.status_code == 400
    anonymous = APIClient()
    response = anonymous.post("/api/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
