"""Interview playback end to end in a browser: typing, a paste and time away are recorded on
the problem page, the server replays the log against the submitted code, and the report's
player plays it back to exactly that code."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"
PASTED = "KEEP = 0.5  # pasted from my notes\n"


def wait_for(condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.mark.parametrize("width", [1366, 390])
def test_an_interview_is_recorded_and_played_back(
    live_server, problems_root, browser, width, tmp_path, monkeypatch
):
    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewProblem, InterviewTemplate
    from backend.playback.models import Recording
    from backend.submissions.models import Submission

    # No worker here: the submit stays queued, which is all the playback needs.
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda *a: None)
    shots = Path(os.environ.get("CVPREP_SCREENSHOTS", tmp_path))
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    user = get_user_model().objects.create_user("hedy", password=PASSWORD)
    nms = Problem.objects.get(slug="nms")
    template = InterviewTemplate.objects.create(name="Coding", duration_minutes=45)
    interview = Interview.objects.create(
        candidate=user, template=template, deadline=timezone.now() + timedelta(minutes=30)
    )
    InterviewProblem.objects.create(interview=interview, problem=nms, position=0)

    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/?next=/problems/nms/%3Finterview%3D{interview.pk}")
    page.fill("#id_username", "hedy")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(".cm-editor")
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# plan: sort by score\n", delay=20)
    page.evaluate("() => window.dispatchEvent(new Event('blur'))")
    time.sleep(1.2)
    page.evaluate("() => window.dispatchEvent(new Event('focus'))")
    page.evaluate(
        """text => { const view = window.cvprepEditor.view;
          view.dispatch({ changes: { from: view.state.doc.length, insert: text },
                          userEvent: "input.paste" }); }""",
        PASTED,
    )
    handed_in = page.evaluate("() => window.cvprepEditor.getValue()")
    page.click("#submit")
    wait_for(lambda: Submission.objects.filter(interview=interview).exists())
    page.evaluate("() => window.cvprepRecorder.flush()")
    wait_for(
        lambda: any(
            e["k"] == "away"
            for r in Recording.objects.filter(interview=interview)
            for e in r.events
        )
    )
    assert Submission.objects.get(interview=interview).code == handed_in

    ended = timezone.now() - timedelta(minutes=1)
    Interview.objects.filter(id=interview.id).update(
        status="finished", deadline=ended, finished_at=ended
    )
    page.goto(f"{live_server.url}/interviews/{interview.pk}/report/")
    page.wait_for_selector(".player")
    code = page.locator(".player-code")
    assert code.inner_text() == nms.starter.rstrip("\n") or code.inner_text() == nms.starter
    kinds = page.eval_on_selector_all(".marks .mark", "marks => marks.map(m => m.className)")
    assert {"mark paste", "mark away", "mark submit"} <= set(kinds)
    page.select_option(".speed", "8")
    page.click(".player .play")
    page.wait_for_function(
        "text => document.querySelector('.player-code').textContent === text",
        arg=handed_in,
        timeout=20_000,
    )
    page.wait_for_selector(".player .play:has-text('Play')")  # stops at the end
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.locator(".playback").screenshot(path=str(shots / f"playback-{width}.png"))
    assert errors == []
    page.close()
