"""Reads of take-homes reused by the pages and the API: the hand-in that counts, the
leaderboard, and the code archive as files and highlighted lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from backend.accounts import roles
from backend.grading.models import JobStatus
from backend.reviews import services as reviews
from backend.takehomes import access
from backend.takehomes.hand_in_kinds import AnyHandIn
from backend.takehomes.models import Assignment, HandIn, ModelHandIn, TakeHome
from backend.takehomes.services import check_code_zip, limit
from graders.takehome.package import PRIMARY_METRICS


def hand_ins(assignment: Assignment) -> QuerySet[HandIn]:
    """Every hand-in of an assignment, newest first, without the heavy blobs."""
    return assignment.hand_ins.defer("predictions", "code_zip").order_by("-created_at", "-id")


def model_hand_ins(assignment: Assignment) -> QuerySet[ModelHandIn]:
    """Every model hand-in of an assignment, newest first, without the heavy blobs."""
    return assignment.model_hand_ins.defer("model_onnx", "code_zip").order_by("-created_at", "-id")


def latest_hand_in(assignment: Assignment) -> HandIn | None:
    return hand_ins(assignment).first()


def leaderboard_visible(user: Any, takehome: TakeHome) -> bool:
    if roles.is_reviewer(user):
        return True
    return bool(
        user.is_authenticated
        and takehome.leaderboard_visible_to_candidates
        and takehome.assignments.filter(candidate=user).exists()
    )


def metric_name(takehome: TakeHome) -> str:
    """What the template's leaderboard ranks by, as its package's scoring names it (mIoU for
    segmentation, macro_f1 for classification)."""
    return PRIMARY_METRICS.get(takehome.task, "metric")


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    username: str
    primary_metric: str
    primary_value: float | None
    handed_in_at: Any
    is_late: bool
    assignment_id: int | None  # only when the viewer may open that assignment
    is_you: bool
    p90_ms: float | None = None  # measured, for a model hand-in


def leaderboard(
    takehome: TakeHome, viewer: Any, model: type[HandIn] | type[ModelHandIn] = HandIn
) -> list[LeaderboardRow]:
    """The latest graded hand-in of every assignment, best primary metric first."""
    graded = (
        model.objects.filter(
            assignment__takehome=takehome,
            status=JobStatus.DONE,
            primary_value__isnull=False,
        )
        .select_related("assignment__candidate")
        .only(
            "id",
            "created_at",
            "is_late",
            "primary_metric",
            "primary_value",
            "assignment__id",
            "assignment__candidate__username",
            "assignment__candidate__id",
            "assignment__owner_id",
            *(("p90_ms",) if model is ModelHandIn else ()),
        )  # fmt: skip
        .order_by("assignment_id", "-created_at", "-id")
    )
    latest: dict[int, Any] = {}
    for hand_in in graded:
        latest.setdefault(hand_in.assignment_id, hand_in)
    visible = set(access.visible_assignments(viewer).values_list("id", flat=True))
    ordered = sorted(latest.values(), key=lambda h: (-(h.primary_value or 0.0), h.created_at))
    return [
        LeaderboardRow(
            rank=rank,
            username=hand_in.assignment.candidate.username,
            primary_metric=hand_in.primary_metric,
            primary_value=hand_in.primary_value,
            handed_in_at=hand_in.created_at,
            is_late=hand_in.is_late,
            assignment_id=hand_in.assignment_id if hand_in.assignment_id in visible else None,
            is_you=hand_in.assignment.candidate.id == getattr(viewer, "pk", None),
            p90_ms=getattr(hand_in, "p90_ms", None),
        )
        for rank, hand_in in enumerate(ordered, start=1)
    ]


def model_leaderboard(takehome: TakeHome, viewer: Any) -> list[LeaderboardRow]:
    """The same ranking over model hand-ins: the metric counted inside the budget only."""
    return leaderboard(takehome, viewer, model=ModelHandIn)


# ---------------------------------------------------------------- code archive


@dataclass(frozen=True)
class CodeFile:
    path: str
    size: int | None
    shown: bool  # text and small enough to display


def _entry_name(entry: Any) -> str:
    for attribute in ("name", "path", "filename"):
        value = getattr(entry, attribute, None)
        if isinstance(value, str):
            return value
    return str(entry)


def _entry_size(entry: Any) -> int | None:
    for attribute in ("size", "file_size", "uncompressed_size"):
        value = getattr(entry, attribute, None)
        if isinstance(value, int):
            return value
    return None


def code_files(hand_in: AnyHandIn) -> list[CodeFile]:
    cap = limit("CVPREP_TAKEHOME_MAX_SHOWN_FILE_BYTES")
    files = []
    for entry in check_code_zip(bytes(hand_in.code_zip)):
        name = _entry_name(entry)
        if name.endswith("/") or getattr(entry, "is_dir", False) is True:
            continue
        size = _entry_size(entry)
        files.append(CodeFile(path=name, size=size, shown=size is None or size <= cap))
    return sorted(files, key=lambda f: f.path)


@dataclass(frozen=True)
class CodeLine:
    number: int
    html: str  # highlighted, every character escaped by pygments


@dataclass(frozen=True)
class CodeView:
    path: str
    shown: bool
    reason: str  # why not shown
    lines: list[CodeLine]


def code_view(hand_in: AnyHandIn, path: str) -> CodeView | None:
    """One file of the archive, highlighted line by line; None when there is no such file."""
    from graders.takehome import UploadError, read_text_file

    files = {f.path: f for f in code_files(hand_in)}
    entry = files.get(path)
    if entry is None:
        return None
    if not entry.shown:
        return CodeView(path=path, shown=False, reason="too large to show", lines=[])
    try:
        text = read_text_file(bytes(hand_in.code_zip), path)
    except UploadError as error:
        return CodeView(path=path, shown=False, reason=str(error), lines=[])
    if "\x00" in text:
        return CodeView(path=path, shown=False, reason="binary", lines=[])
    return CodeView(path=path, shown=True, reason="", lines=highlight_lines(path, text))


def highlight_lines(path: str, text: str) -> list[CodeLine]:
    """Pygments HTML one line at a time (its formatter closes every span at each newline)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import TextLexer, get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_for_filename(path, stripnl=False, stripall=False, ensurenl=True)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False, ensurenl=True)
    source = text.splitlines()
    rendered = highlight("\n".join(source) + "\n", lexer, HtmlFormatter(nowrap=True))
    html_lines = rendered.split("\n")
    return [
        CodeLine(number=index + 1, html=html_lines[index] if index < len(html_lines) else "")
        for index in range(len(source))
    ]


def review_state(assignment: Assignment) -> dict[str, Any]:
    """Rubric with the points given, the summary and the decision."""
    scores = reviews.scores_for(assignment)
    items = [{**item, "score": scores.get(item["id"])} for item in assignment.takehome.rubric]
    given = [item["score"] for item in items if item["score"] is not None]
    return {
        "rubric": items,
        "total": sum(given) if given else None,
        "max_total": sum(float(item["points"]) for item in items),
        "summary": assignment.summary,
        "decision": assignment.decision,
        "released_at": assignment.released_at,
    }


def comments_by_line(hand_in: AnyHandIn, file_path: str) -> dict[int | None, list[Any]]:
    """The comments of one file (``""``: the general ones) by line, each reply after its
    parent with a ``depth`` for indenting."""
    comments = list(reviews.comments_for(hand_in).filter(thread__file_path=file_path))
    children: dict[int | None, list[Any]] = {}
    for comment in comments:
        children.setdefault(comment.parent_id, []).append(comment)
    by_line: dict[int | None, list[Any]] = {}

    def walk(comment: Any, depth: int) -> None:
        comment.depth = min(depth, 4)
        by_line.setdefault(comment.thread.line, []).append(comment)
        for reply in children.get(comment.id, []):
            walk(reply, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    return by_line


def comment_counts(hand_in: AnyHandIn) -> dict[str, int]:
    counts: dict[str, int] = {}
    for comment in reviews.comments_for(hand_in):
        counts[comment.thread.file_path] = counts.get(comment.thread.file_path, 0) + 1
    return counts


def review_for(user: Any, assignment: Assignment) -> dict[str, Any]:
    """The review as ``user`` may read it: the candidate reads scores and the summary, not the
    hiring decision or the rubric's guidance for reviewers."""
    state = review_state(assignment)
    if not access.reviews(user, assignment):
        state.pop("decision")
        state["rubric"] = [
            {k: v for k, v in item.items() if k != "guidance"} for item in state["rubric"]
        ]
    return state
