"""Reviewing a finished mock interview: comments (shared with take-homes) and rubric scores.

The candidate and whoever opened the share link (signed in) may comment and reply; only
reviewers and staff score. Comments can be anchored to a problem (``file_path`` = its slug)
and, for code, to a line of the final submission.
"""

from __future__ import annotations

from typing import Any

from backend.interviews.models import Interview
from backend.reviews import permissions
from backend.reviews import services as reviews


def is_reviewer(user: Any, interview: Interview) -> bool:
    if not user.is_authenticated or user.pk == interview.candidate_id:
        return False
    return bool(user.is_staff or interview.reviewers.filter(pk=user.pk).exists())


def _can_view(user: Any, interview: Interview) -> bool:
    return bool(user.pk == interview.candidate_id or is_reviewer(user, interview))


def _can_comment(user: Any, interview: Interview) -> bool:
    return interview.status == Interview.Status.FINISHED and _can_view(user, interview)


def register_review_policy() -> None:
    permissions.register(Interview, can_view=_can_view, can_comment=_can_comment)


def rubric_items(report: dict[str, Any]) -> dict[str, int]:
    """``<slug>.<item id>`` -> points, for every design prompt of the interview."""
    items = {}
    for row in report["rows"]:
        for item in row.get("rubric", []):
            items[f"{row['problem'].slug}.{item['id']}"] = item["points"]
    return items


def handle_post(*, user: Any, interview: Interview, data: Any, report: dict[str, Any]) -> str:
    """Apply one review action from the report page's forms; returns an error or ''."""
    action = data.get("action")
    try:
        if action == "comment":
            parent = None
            parent_id = data.get("parent", "")
            if parent_id:
                if parent_id.isdigit() and len(parent_id) < 18:
                    parent = reviews.comments_for(interview).filter(pk=int(parent_id)).first()
                if parent is None:
                    return "the comment replied to does not exist"
            problem = data.get("problem", "")
            slugs = {row["problem"].slug for row in report["rows"]}
            if problem and problem not in slugs:
                return "that problem is not part of this interview"
            line_text = data.get("line", "").strip()
            if line_text and (not line_text.isdigit() or len(line_text) > 6):
                return "a line is a positive whole number"
            reviews.add_comment(
                target=interview,
                author=user,
                body=data.get("body", ""),
                file_path=problem or None,
                line=int(line_text) if line_text and problem else None,
                parent=parent,
            )
        elif action in ("resolve", "reopen"):
            comment_id = data.get("comment", "")
            comment = (
                reviews.comments_for(interview).filter(pk=int(comment_id)).first()
                if comment_id.isdigit() and len(comment_id) < 18
                else None
            )
            if comment is None:
                return "no such comment"
            reviews.resolve(comment=comment, user=user, resolved=action == "resolve")
        elif action == "score":
            if not is_reviewer(user, interview):
                return "only a reviewer scores the rubric"
            for item_id, points in rubric_items(report).items():
                text = data.get(f"score-{item_id}", "").strip()
                if text == "":
                    continue
                try:
                    value = float(text)
                except ValueError:
                    return f"{item_id}: points must be a number"
                reviews.set_score(target=interview, author=user, item_id=item_id,
                                  points=value, max_points=points)
        else:
            return "unknown action"
    except (reviews.ReviewError, reviews.ReviewForbidden) as error:
        return str(error)
    return ""
