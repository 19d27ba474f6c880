"""System design in the browser: practice a prompt (field errors, simulation report, model
answer, self-assessment), and a 10-minute mock interview with one coding problem and one
design prompt that runs out, hands both in automatically and reports them."""

from __future__ import annotations

import shutil
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import screenshot, wait_for_report

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = REPO / "problems"
RIGHT = (PROBLEMS / "equalize_hist/solutions/accepted/float64_cdf.py").read_text()
DESIGN = "design_multicam_detection"
GOOD_YAML = (PROBLEMS / DESIGN / "model_spec.yaml").read_text()


@pytest.fixture
def design_problems(problems_root: Path) -> Path:
    shutil.copytree(PROBLEMS / "components", problems_root / "components")
    shutil.copytree(PROBLEMS / DESIGN, problems_root / DESIGN)
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    return problems_root


def log_in(page, base: str, username: str, next_path: str) -> None:
    get_user_model().objects.create_user(username, password="a-long-pass-phrase-42")
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "a-long-pass-phrase-42")
    page.click("button[type=submit]")


def test_practice_a_design_prompt(live_server, design_problems, start_worker, page):
    start_worker()
    base = live_server.url
    log_in(page, base, "ada", "/design/")
    page.click("text=Detection on 200 camera streams")
    assert "p99" in page.inner_text("#requirements") or "Latency budget" in page.inner_text(
        "#requirements"
    )
    page.fill("#write_up", "## Budget\nDecode on NVDEC, INT8 YOLOv8s on ten T4s.")
    page.select_option("select[name=stage-0-device]", "nvdec")
    page.fill("input[name=stage-0-replicas]", "8")
    page.fill("input[name=stage-1-replicas]", "12")
    page.select_option("select[name=stage-2-model]", "yolov8s-int8")
    page.fill("input[name=stage-2-replicas]", "2")  # far too few: a field error
    page.fill("input[name=stage-2-batch_size]", "16")
    page.fill("input[name=stage-2-batch_timeout_ms]", "8")
    page.fill("input[name=stage-3-replicas]", "4")
    page.click("text=Hand in and simulate")
    error = page.locator(".stage-row[data-row='2'] .field-error")
    assert "cannot keep up" in error.inner_text()
    assert "needs at least 8 replicas" in error.inner_text()
    # What was typed survives the refusal.
    assert page.input_value("#write_up").startswith("## Budget")

    page.fill("input[name=stage-2-replicas]", "10")
    page.click("text=Hand in and simulate")
    page.wait_for_url("**/design/submissions/*/")
    page.wait_for_selector("#checks", timeout=60_000)  # the page refreshes until graded
    assert page.inner_text("#score") == "4 / 4"
    assert "✓ met" in page.inner_text("#checks")
    for image in page.locator(".plots img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Latency budget" in page.inner_text("main")  # the model answer is open now
    for item in page.locator("#self-assessment input[type=number]").all():
        item.fill("2")
    page.click("text=Save my scores")
    assert "Self-assessed: 10 / 12" in page.inner_text("#self-assessment")
    assert page.console_errors == []


def test_a_ten_minute_loop_with_a_design_prompt(live_server, design_problems, start_worker, page):
    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewTemplate
    from backend.interviews.tasks import finish_interview

    start_worker()
    template = InterviewTemplate.objects.create(
        name="Ten-minute loop", duration_minutes=10, problem_count=1, design_count=1
    )
    template.fixed_problems.add(Problem.objects.get(slug="equalize_hist"))
    template.fixed_problems.add(Problem.objects.get(slug=DESIGN))
    base = live_server.url
    log_in(page, base, "grace", "/interviews/")
    page.click("form:has-text('Ten-minute loop') button")
    page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.getElementById('clock').textContent)"
    )
    interview_url = page.url

    page.click("text=Histogram equalisation")
    page.wait_for_selector(".cm-editor")
    page.evaluate("code => window.cvprepEditor.setValue(code)", RIGHT)
    page.wait_for_selector("#draft-status:has-text('draft saved')", timeout=10_000)

    page.goto(interview_url)
    page.click("text=Detection on 200 camera streams")
    page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.getElementById('clock').textContent)"
    )
    page.fill("#write_up", "Ten T4s, INT8, batch 16.")
    page.check("input[name=spec_mode][value=yaml]")
    page.fill("#spec_yaml", GOOD_YAML)
    page.wait_for_selector("#draft-status:has-text('Draft saved')", timeout=10_000)

    interview = Interview.objects.get(candidate__username="grace")
    Interview.objects.filter(id=interview.id).update(deadline=timezone.now() - timedelta(seconds=1))
    finish_interview.delay(interview.id)
    page.goto(f"{base}/interviews/{interview.id}/")
    page.wait_for_url(f"{base}/interviews/{interview.id}/report/")
    # Each verdict by name: "auto-submitted" also labels each attempt, so a count of it never
    # settles and the wait would run to its end.
    wait_for_report(
        page,
        lambda text: (
            "still being graded" not in text
            and "accepted (auto-submitted)" in text
            and "4 of 4 requirements met (auto-submitted)" in text
        ),
    )
    report = page.inner_text("#report-rows")
    assert "accepted (auto-submitted)" in report
    assert "4 of 4 requirements met (auto-submitted)" in report
    assert "100%" in page.inner_text(".stats")
    assert "Ten T4s, INT8, batch 16." in page.inner_text("main")
    assert page.console_errors == []


def test_a_design_report_follows_its_grading_live_and_shows_the_result(
    live_server, design_problems, start_worker, page
):
    """No meta refresh, no reload loop: the page shows the status as it changes (live.js over
    /api/jobs/design/<id>/events/) and loads once, with the report, when grading is over."""
    from backend.catalog.models import Problem
    from backend.designs.models import DesignSubmission
    from backend.designs.services import create_design_submission

    base = live_server.url
    log_in(page, base, "grace", "/design/")
    user = get_user_model().objects.get(username="grace")
    submission = create_design_submission(
        user=user, problem=Problem.objects.get(slug=DESIGN), write_up="w", spec=GOOD_YAML
    )
    assert DesignSubmission.objects.get(pk=submission.pk).status == "queued"
    page.goto(f"{base}/design/submissions/{submission.pk}/")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert page.inner_text("#status strong") == "queued"
    assert "updates itself" in page.inner_text("#status")
    screenshot(page, "design-report-queued")
    start_worker()  # no worker until now: the message waited in Redis
    page.wait_for_selector("#checks", timeout=90_000)
    assert page.inner_text("#status strong") == "done"
    assert page.inner_text("#score") == "4 / 4"
    screenshot(page, "design-report-done")
    assert page.console_errors == []
