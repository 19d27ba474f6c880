"""The interview report: per problem, the final verdict and score, attempts, time to first
accepted, and the code."""

from __future__ import annotations

from typing import Any

from backend.catalog.models import Problem
from backend.interviews.models import Interview, InterviewProblem


def report(interview: Interview) -> dict[str, Any]:
    rows = []
    total_score = 0.0
    for entry in InterviewProblem.objects.filter(interview=interview).select_related("problem"):
        if entry.problem.kind == "design":
            row = design_row(interview, entry.problem)
            total_score += row["score"]
            rows.append(row)
            continue
        submissions = list(
            interview.submissions.filter(problem=entry.problem).order_by("created_at")
        )
        graded = [s for s in submissions if s.mode == "submit"]
        final = graded[-1] if graded else None
        first_accepted = next((s for s in graded if s.verdict == "accepted"), None)
        score = float(final.score or 0.0) if final and final.status == "done" else 0.0
        total_score += score
        rows.append(
            {
                "problem": entry.problem,
                "final": final,
                "verdict": final.verdict if final else "not submitted",
                "score": score,
                "attempts": len(submissions),
                "submits": len(graded),
                "time_to_first_accepted": (
                    (first_accepted.created_at - interview.started_at) if first_accepted else None
                ),
                "code": final.code if final else "",
                "code_lines": (final.code if final else "").splitlines(),
                "kind": "coding",
                "automatic": bool(final and final.automatic),
            }
        )
    count = len(rows) or 1
    running = interview.status == Interview.Status.ACTIVE
    if running:  # hidden-case results, and so the scores, wait for the end
        for row in rows:
            if row["kind"] == "coding":
                row.update(verdict="hidden", score=None, time_to_first_accepted=None)
    return {
        "interview": interview,
        "rows": rows,
        "score": None if running else total_score / count,
        "pending": interview.submissions.exclude(status="done").exists()
        or interview.design_submissions.filter(status__in=["queued", "running"]).exists(),
    }


def design_row(interview: Interview, problem: Problem) -> dict[str, Any]:
    """A design prompt's line in the report: the last design handed in, its simulation, and
    the rubric (with what a strong answer says once the interview is over)."""
    from backend.designs.models import DesignAnswer

    designs = list(interview.design_submissions.filter(problem=problem).order_by("created_at"))
    final = designs[-1] if designs else None
    graded = final is not None and final.status in ("done", "invalid")
    if final is None:
        verdict = "not submitted"
    elif final.status == "done" and final.report:
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
