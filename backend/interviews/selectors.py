"""The interview report: per problem, the final verdict and score, attempts, time to first
accepted, and the code."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.urls import reverse

from backend.catalog.models import Problem
from backend.designs.models import DesignAnswer, DesignDraft
from backend.grading.models import JobStatus
from backend.interviews.models import Interview, InterviewProblem
from backend.submissions.models import Draft, Submission
from graders.coding.verdicts import Verdict

# Checkers quote numpy's repr of a scalar ("np.int64(2)"); the report says "2".
NUMPY_SCALAR = re.compile(r"\bnp\.(?:u?int\d*|float\d*|bool_?|complex\d*|str_)\(([^()]*)\)")


def clock_time(delta: timedelta | None) -> str:
    """A duration as an interview clock shows it: "0:28", "12:05", "1:02:03"."""
    if delta is None:
        return ""
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def failed_cases(submission: Any) -> list[dict[str, str]]:
    """Every case the submission failed, hidden ones too, by name and message (after the end)."""
    cases = (submission.result or {}).get("cases", []) if submission is not None else []
    return [
        {
            "name": case.get("name", ""),
            "where": "sample" if case.get("sample") else "hidden",
            "verdict": case.get("verdict", ""),
            "verdict_text": str(case.get("verdict", "")).replace("_", " "),
            "message": NUMPY_SCALAR.sub(r"\1", case.get("message") or ""),
            "diagnosis": case.get("diagnosis_text") or "",
        }
        for case in cases
        if case.get("verdict") != "accepted"
    ]


def round_items(interview: Interview, current: Problem | None = None) -> list[dict[str, Any]]:
    """The round's items as tabs, each with a state that tells no verdict during the round:
    "not started", "draft saved", "ran 2×", "submitted 3×" or "handed in"."""
    items = []
    for position, problem in enumerate(
        interview.problems.order_by("interviewproblem__position"), start=1
    ):
        if problem.kind == Problem.Kind.DESIGN:
            handed_in = interview.design_submissions.filter(problem=problem).count()
            drafted = DesignDraft.objects.filter(owner=interview.candidate, problem=problem)
            url = reverse("design-detail", args=[problem.slug])
            state = (f"handed in {handed_in}×" if handed_in
                     else "draft saved" if drafted.exists() else "not started")
        else:
            attempts = interview.submissions.filter(problem=problem)
            submits = attempts.filter(mode=Submission.Mode.SUBMIT).count()
            runs = attempts.filter(mode=Submission.Mode.RUN).count()
            coding_drafts = Draft.objects.filter(owner=interview.candidate, problem=problem,
                                                 updated_at__gte=interview.started_at)
            url = reverse("problem-detail", args=[problem.slug])
            state = (f"submitted {submits}×" if submits else f"ran {runs}×" if runs
                     else "draft saved" if coding_drafts.exists() else "not started")
        items.append({
            "position": position,
            "problem": problem,
            "url": f"{url}?interview={interview.pk}",
            "state": state,
            "started": state != "not started",
            "current": current is not None and problem.pk == current.pk,
        })
    return items


def report(interview: Interview) -> dict[str, Any]:
    rows = []
    total_score = 0.0
    running = interview.status == Interview.Status.ACTIVE
    for entry in InterviewProblem.objects.filter(interview=interview).select_related("problem"):
        if entry.problem.kind == Problem.Kind.DESIGN:
            row = design_row(interview, entry.problem)
            total_score += row["score"]
            rows.append(row)
            continue
        submissions = list(
            interview.submissions.filter(problem=entry.problem).order_by("created_at")
        )
        graded = [s for s in submissions if s.mode == Submission.Mode.SUBMIT]
        final = graded[-1] if graded else None
        first_accepted = next((s for s in graded if s.verdict == Verdict.ACCEPTED), None)
        score = float(final.score or 0.0) if final and final.status == JobStatus.DONE else 0.0
        total_score += score
        rows.append(
            {
                "problem": entry.problem,
                "final": final,
                "failed_cases": failed_cases(final) if not running else [],
                "attempt_rows": [
                    {
                        "submission": submission,
                        "at": clock_time(submission.created_at - interview.started_at),
                    }
                    for submission in submissions
                ],
                "verdict": final.verdict if final else "not submitted",
                "score": score,
                "attempts": len(submissions),
                "submits": len(graded),
                "time_to_first_accepted": (
                    clock_time(first_accepted.created_at - interview.started_at)
                    if first_accepted
                    else None
                ),
                "code": final.code if final else "",
                "code_lines": (final.code if final else "").splitlines(),
                "kind": "coding",
                "automatic": bool(final and final.automatic),
            }
        )
    count = len(rows) or 1
    if running:  # hidden-case results, and so the scores, wait for the end
        for row in rows:
            if row["kind"] == "coding":
                row.update(verdict="hidden", score=None, time_to_first_accepted=None)
    pending = [("coding", pk) for pk in interview.submissions.exclude(
        status__in=[JobStatus.DONE, JobStatus.FAILED]).values_list("id", flat=True)]
    pending += [("design", pk) for pk in interview.design_submissions.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).values_list("id", flat=True)]
    return {
        "interview": interview,
        "rows": rows,
        "score": None if running else total_score / count,
        "pending": bool(pending),
        # What the page follows live (backend/grading/status.py), as (kind, id).
        "pending_jobs": pending,
    }


def design_row(interview: Interview, problem: Problem) -> dict[str, Any]:
    """A design prompt's line in the report: the last design handed in, its simulation, and
    the rubric (with what a strong answer says once the interview is over)."""
    designs = list(interview.design_submissions.filter(problem=problem).order_by("created_at"))
    final = designs[-1] if designs else None
    graded = final is not None and final.status in ("done", "invalid")
    if final is None:
        verdict = "not submitted"
    elif final.status == JobStatus.DONE and final.report:
        verdict = f"{final.report['passed']} of {final.report['total']} requirements met"
    else:
        verdict = final.status
    rubric = list(problem.details.get("rubric", []))
    if interview.status == Interview.Status.FINISHED:
        answer = DesignAnswer.objects.filter(problem=problem).first()
        rubric = answer.rubric if answer else rubric
    return {
        "problem": problem,
        "kind": "design",
        "final": final,
        "verdict": verdict,
        "score": float(final.score or 0.0) if graded and final else 0.0,
        "attempts": len(designs),
        "submits": len(designs),
        "time_to_first_accepted": None,
        "code": "",
        "code_lines": [],
        "automatic": bool(final and final.automatic),
        "design": final,
        "rubric": rubric,
    }
