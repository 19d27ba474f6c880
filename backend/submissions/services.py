"""Writes to submissions: creating one, its draft, and its live progress while it is graded
(claiming and storing are backend.grading's, for every kind)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

import graders
from backend.catalog.models import Problem
from backend.grading import admission, kinds, lifecycle
from backend.lib.errors import ApplicationError
from backend.lib.live import redis_client
from backend.submissions import grading
from backend.submissions.models import Draft, Submission
from graders.jsonsafe import json_safe

log = logging.getLogger(__name__)


class SubmissionRejected(ApplicationError):
    """The submission cannot be accepted; the message says why (an HTTP 400 at ``field``)."""

    def __init__(self, message: str, field: str = "code") -> None:
        super().__init__(message, field=field)


def validate_custom_input(problem: Problem, custom_input: str) -> None:
    """Parse custom input when it is posted: input the worker could not use (a 60 KB run of
    nested brackets, a wrong argument) is a 400 now, never a task failing three times."""
    try:
        graders.parse_custom_input(grading.package_for_problem(problem), custom_input)
    except graders.CustomInputError as error:
        raise SubmissionRejected(str(error), field="custom_input") from None
    except graders.InvalidPackage as error:
        raise SubmissionRejected(f"the problem package is invalid: {error}") from None


def validate_code(code: str) -> None:
    if "\x00" in code:
        raise SubmissionRejected("code must not contain null characters (NUL)")
    try:
        size = len(code.encode("utf-8"))
    except UnicodeEncodeError:
        raise SubmissionRejected("code must be valid UTF-8 text") from None
    if size > settings.CVPREP_MAX_CODE_BYTES:
        raise SubmissionRejected(
            f"code is {size} bytes; the limit is {settings.CVPREP_MAX_CODE_BYTES} bytes (64 KiB)"
        )


def create_submission(
    *,
    user: Any,
    problem: Problem,
    code: str,
    mode: str,
    custom_input: str = "",
    interview: Any = None,
) -> Submission:
    """A candidate's submission: admitted (the backpressure bounds), checked, saved, and its
    grading enqueued once the row is committed.

    A session's clock is its caller's business (``sessions.policy().submit``)."""
    admission.admit(kinds.get("coding"), user)
    return _save(
        user=user,
        problem=problem,
        code=code,
        mode=mode,
        custom_input=custom_input,
        interview=interview,
        automatic=False,
    )


def create_submission_at_close(
    *, user: Any, problem: Problem, code: str, interview: Any
) -> Submission:
    """A session's own submit of the candidate's newest code when its time is up. It is the
    round's record, so the backpressure bounds never refuse it; the row says ``automatic``."""
    return _save(
        user=user,
        problem=problem,
        code=code,
        mode=Submission.Mode.SUBMIT,
        custom_input="",
        interview=interview,
        automatic=True,
    )


def _save(
    *,
    user: Any,
    problem: Problem,
    code: str,
    mode: str,
    custom_input: str,
    interview: Any,
    automatic: bool,
) -> Submission:
    validate_code(code)
    if custom_input and mode != Submission.Mode.RUN:
        raise SubmissionRejected("custom input runs only in run mode", field="custom_input")
    if len(custom_input.encode("utf-8", errors="replace")) > settings.CVPREP_MAX_CODE_BYTES:
        raise SubmissionRejected("custom input is over 64 KiB", field="custom_input")
    if custom_input:
        validate_custom_input(problem, custom_input)
    with admission.pending_slot(kinds.get("coding"), user, enforced=not automatic):
        submission = Submission.objects.create(
            owner=user,
            problem=problem,
            code=code,
            mode=mode,
            custom_input=custom_input,
            interview=interview,
            automatic=automatic,
            enqueued_at=timezone.now(),
        )
        lifecycle.enqueue(kinds.get("coding"), submission.id)
    return submission


class ProgressRecorder:
    """Per-case progress: published live on Redis for every case, written to the row at most
    every ``interval`` seconds (a fast submission costs no extra queries; a slow one shows
    progress to clients that poll)."""

    def __init__(self, submission_id: int, token: uuid.UUID, interval: float = 0.25) -> None:
        self.submission_id = submission_id
        self.token = token
        self.interval = interval
        self.cases: list[dict[str, Any]] = []
        self.last_write = time.monotonic()

    def __call__(self, case: dict[str, Any]) -> None:
        case = json_safe(case)
        self.cases.append(case)
        publish(self.submission_id, {"type": "case", "case": case})
        now = time.monotonic()
        if now - self.last_write >= self.interval:
            self.last_write = now
            Submission.objects.filter(
                id=self.submission_id, claim=self.token, status=Submission.Status.RUNNING
            ).update(progress=list(self.cases))


def save_draft(*, user: Any, problem: Problem, code: str) -> None:
    validate_code(code)
    Draft.objects.update_or_create(owner=user, problem=problem, defaults={"code": code})


def publish(submission_id: int, event: dict[str, Any]) -> None:
    """Live progress on Redis pub/sub (channel submission:<id>); best effort."""
    try:
        redis_client().publish(
            f"submission:{submission_id}", json.dumps(json_safe(event), allow_nan=False)
        )
    except Exception as error:  # progress is a nicety; the database has the truth
        log.debug("progress publish failed: %s", error)
