"""The interview report: per problem, the final verdict and score, attempts, time to first
accepted, and the code."""

from __future__ import annotations

from typing import Any

from backend.interviews.models import Interview, InterviewProblem


def report(interview: Interview) -> dict[str, Any]:
    rows = []
    total_score = 0.0
    for entry in InterviewProblem.objects.filter(interview=interview).select_related("problem"):
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
                "automatic": bool(final and final.automatic),
            }
        )
    count = len(rows) or 1
    return {
        "interview": interview,
        "rows": rows,
        "score": total_score / count,
        "pending": interview.submissions.exclude(status="done").exists(),
    }
