"""Writes to take-homes: syncing templates, assigning, handing in, grading once, reviewing.

The grading engine is graders.takehome (no Django); it is imported inside the functions that
need it, so the site starts even where the engine is not installed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from backend.accounts import roles
from backend.grading import admission, kinds, lifecycle
from backend.lib.errors import ApplicationError, Forbidden
from backend.reviews import services as reviews
from backend.takehomes import access
from backend.takehomes.models import Assignment, HandIn, TakeHome

log = logging.getLogger(__name__)

MiB = 1024 * 1024
# Every limit can be overridden in settings under the same name.
LIMITS = {
    "CVPREP_TAKEHOME_MAX_REQUEST_BYTES": 60 * MiB,
    "CVPREP_TAKEHOME_MAX_PREDICTIONS_BYTES": 20 * MiB,
    "CVPREP_TAKEHOME_MAX_CODE_BYTES": 20 * MiB,
    "CVPREP_TAKEHOME_MAX_CODE_UNPACKED_BYTES": 100 * MiB,
    "CVPREP_TAKEHOME_MAX_CODE_FILES": 2000,
    "CVPREP_TAKEHOME_MAX_CODE_RATIO": 100,
    "CVPREP_TAKEHOME_MAX_WRITEUP_BYTES": 256 * 1024,
    "CVPREP_TAKEHOME_MAX_SHOWN_FILE_BYTES": 512 * 1024,
    "CVPREP_TAKEHOME_STALE_RUNNING_SECONDS": 600,
}
# What a code archive may hold: source, notebooks, configs, notes. No weights, no data.
CODE_SUFFIXES = (
    ".py", ".ipynb", ".md", ".txt", ".rst", ".yaml", ".yml", ".json", ".toml", ".cfg",
    ".ini", ".sh", ".csv", ".c", ".cc", ".cpp", ".h", ".hpp", ".cu", ".lock",
)  # fmt: skip


def limit(name: str) -> int:
    return int(getattr(settings, name, LIMITS[name]))


class HandInRejected(ApplicationError):
    """The hand-in cannot be accepted; ``errors`` maps a field to its messages (an HTTP 400)."""

    def __init__(self, field_name: str, messages: list[str]) -> None:
        super().__init__(
            f"{field_name}: {messages[0]}" if messages else field_name,
            errors={field_name: messages},
        )


class ReviewRejected(ApplicationError):
    """A review write that cannot be accepted (an HTTP 400)."""


# ---------------------------------------------------------------- templates from problems/


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return "; ".join(
            f"{label} {len(slugs)}"
            + (f": {', '.join(slugs)}" if slugs and label != "unchanged" else "")
            for label, slugs in (
                ("added", self.added),
                ("changed", self.changed),
                ("retired", self.retired),
                ("unchanged", self.unchanged),
            )
        )


def takehome_fields(package: Any) -> dict[str, Any]:
    return {
        "title": package.title,
        "task": package.task,
        "difficulty": package.difficulty,
        "category": package.category,
        "tags": list(package.tags),
        "brief": package.brief,
        "rubric": [
            {"id": item.id, "title": item.title, "points": item.points, "guidance": item.guidance}
            for item in package.rubric
        ],
        "deadline_hours": package.deadline_hours,
        "late_policy": package.late_policy,
        "leaderboard_visible_to_candidates": package.leaderboard_visible_to_candidates,
        "latency_budget_ms": package.latency_budget_ms,
        **_model_fields(package),
        "fingerprint": package.fingerprint,
        "is_active": True,
    }


def _model_fields(package: Any) -> dict[str, bool]:
    """Whether the package asks for a model ([model]) and scores it inside a budget."""
    from graders.models.package import model_spec

    spec = model_spec(package)
    return {
        "wants_model": spec is not None,
        "has_model_budget": spec is not None and spec.budget is not None,
    }


def sync_takehomes(*, root: Path) -> SyncReport:
    """Load every take-home package under ``root``; all-or-nothing (raises InvalidPackage)."""
    from graders.package import discover, package_kind
    from graders.takehome import load_takehome

    packages = [load_takehome(path) for path in discover(root) if package_kind(path) == "takehome"]
    report = SyncReport()
    existing = {takehome.slug: takehome for takehome in TakeHome.objects.all()}
    with transaction.atomic():
        for package in packages:
            current = existing.get(package.slug)
            fields = takehome_fields(package)
            if (
                current is not None
                and current.is_active
                and current.fingerprint == package.fingerprint
                # a field this code derives anew (say, one added since the last sync)
                and all(getattr(current, name) == value for name, value in fields.items())
            ):
                report.unchanged.append(package.slug)
                continue
            _, created = TakeHome.objects.update_or_create(slug=package.slug, defaults=fields)
            (report.added if created else report.changed).append(package.slug)
        on_disk = {package.slug for package in packages}
        for slug, takehome in existing.items():
            if slug not in on_disk and takehome.is_active:
                TakeHome.objects.filter(pk=takehome.pk).update(is_active=False)
                report.retired.append(slug)
    return report


def load_package(takehome: TakeHome) -> Any:
    from graders.takehome import load_takehome

    return load_takehome(Path(settings.CVPREP_PROBLEMS_DIR) / takehome.slug)


def dataset_zip(takehome: TakeHome) -> Path:
    """The candidate's data zip, built once per package fingerprint and cached under var/
    (graders.takehome names it <slug>-<fingerprint>.zip and renames it into place whole)."""
    from graders.takehome import build_candidate_zip

    cache = Path(settings.VAR_DIR) / "takehome-data"
    cached = cache / f"{takehome.slug}-{takehome.fingerprint}.zip"
    if cached.is_file():
        return cached
    cache.mkdir(parents=True, exist_ok=True)
    built = Path(build_candidate_zip(load_package(takehome), cache))
    # Zips of earlier versions of this package are never served again.
    stale = re.compile(rf"{re.escape(takehome.slug)}-[0-9a-f]{{16}}\.zip")
    for old in cache.iterdir():
        if old != built and stale.fullmatch(old.name):
            old.unlink(missing_ok=True)
    return built


# ---------------------------------------------------------------- assignments


def create_assignment(
    *,
    reviewer: Any,
    takehome: TakeHome,
    candidate: Any,
    deadline: datetime | None = None,
    co_reviewers: list[Any] | None = None,
) -> Assignment:
    if not roles.is_reviewer(reviewer):
        raise Forbidden("only reviewers assign take-homes")
    if not takehome.is_active:
        raise ReviewRejected("this take-home is retired")
    if candidate.pk == reviewer.pk:
        raise ReviewRejected("a reviewer cannot assign a take-home to themselves")
    now = timezone.now()
    if deadline is None:
        deadline = now + timedelta(hours=takehome.deadline_hours)
    elif deadline <= now:
        raise ReviewRejected("the deadline must be in the future")
    others = [user for user in co_reviewers or [] if user.pk != reviewer.pk]
    for user in others:
        if user.pk == candidate.pk:
            raise ReviewRejected("the candidate cannot review their own take-home")
        if not roles.is_reviewer(user):
            raise ReviewRejected(
                f"{user.username} is not a reviewer (staff or the reviewers group)"
            )
    with transaction.atomic():
        assignment = Assignment.objects.create(
            takehome=takehome, candidate=candidate, owner=reviewer, deadline=deadline
        )
        assignment.co_reviewers.set(others)
    return assignment


def assign(
    *,
    reviewer: Any,
    takehome_slug: str,
    candidate_username: str,
    co_reviewer_usernames: Sequence[str] = (),
    deadline: datetime | None = None,
) -> Assignment:
    """Assign a take-home by the names a form or a client sends (the page and the API)."""
    if not roles.is_reviewer(reviewer):
        raise Forbidden("only reviewers assign take-homes")
    takehome = TakeHome.objects.filter(slug=takehome_slug, is_active=True).first()
    if takehome is None:
        raise ApplicationError("no such take-home", field="takehome")
    users = get_user_model().objects
    candidate = users.filter(username=candidate_username).first()
    if candidate is None:
        raise ApplicationError("no such user", field="candidate")
    co_reviewers = []
    for username in co_reviewer_usernames:
        user = users.filter(username=username).first()
        if user is None:
            raise ApplicationError(f"no user named {username!r}", field="co_reviewers")
        co_reviewers.append(user)
    return create_assignment(
        reviewer=reviewer,
        takehome=takehome,
        candidate=candidate,
        deadline=deadline,
        co_reviewers=co_reviewers,
    )


def add_co_reviewer(*, assignment: Assignment, by: Any, username: str) -> None:
    if not access.reviews(by, assignment):
        raise Forbidden("only the assignment's reviewers add co-reviewers")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ReviewRejected(f"no user named {username!r}", field="username")
    if user.pk == assignment.candidate_id:
        raise ReviewRejected("the candidate cannot review their own take-home", field="username")
    if not roles.is_reviewer(user):
        raise ReviewRejected(
            f"{username} is not a reviewer (staff or the reviewers group)", field="username"
        )
    assignment.co_reviewers.add(user)


# ---------------------------------------------------------------- hand-ins


def _read(upload: Any, field_name: str, max_bytes: int) -> bytes:
    if upload is None:
        raise HandInRejected(field_name, ["this file is required"])
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise HandInRejected(field_name, [f"{size} bytes is over the {max_bytes} byte limit"])
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise HandInRejected(field_name, [f"over the {max_bytes} byte limit"])
    if not data:
        raise HandInRejected(field_name, ["the file is empty"])
    return data


def _upload_name(upload: Any) -> str:
    return Path(str(getattr(upload, "name", "") or "")).name[:255]


def check_code_zip(data: bytes) -> list[Any]:
    """Zip-slip, zip-bomb and file-type checks of a code archive; its entries if it passes."""
    from graders.takehome import UploadError, inspect_zip

    try:
        return inspect_zip(
            data,
            max_total_bytes=limit("CVPREP_TAKEHOME_MAX_CODE_UNPACKED_BYTES"),
            max_files=limit("CVPREP_TAKEHOME_MAX_CODE_FILES"),
            max_ratio=limit("CVPREP_TAKEHOME_MAX_CODE_RATIO"),
            allowed_suffixes=CODE_SUFFIXES,
        )
    except UploadError as error:
        raise HandInRejected("code", [str(error)]) from None


def check_writeup(writeup: str | bytes) -> str:
    if isinstance(writeup, bytes):
        try:
            writeup = writeup.decode("utf-8")
        except UnicodeDecodeError:
            raise HandInRejected("writeup", ["the write-up must be UTF-8 text"]) from None
    writeup = (writeup or "").replace("\x00", "")
    if not writeup.strip():
        raise HandInRejected("writeup", ["a write-up (Markdown) is required"])
    if len(writeup.encode("utf-8")) > limit("CVPREP_TAKEHOME_MAX_WRITEUP_BYTES"):
        raise HandInRejected(
            "writeup", [f"over the {limit('CVPREP_TAKEHOME_MAX_WRITEUP_BYTES')} byte limit"]
        )
    return writeup


def read_upload(upload: Any, field_name: str, max_bytes: int) -> tuple[str, bytes]:
    """(name, bytes) of a required upload under ``max_bytes``."""
    return _upload_name(upload), _read(upload, field_name, max_bytes)


def hand_in(
    *,
    assignment: Assignment,
    user: Any,
    predictions: Any,
    code: Any,
    writeup: str | bytes,
    reported_latency_ms: float | None = None,
) -> HandIn:
    """Check every part of a hand-in, save it, and enqueue its grading once committed."""
    from graders.takehome import PREDICTION_SUFFIXES, PredictionError, validate_predictions

    if not access.is_candidate(user, assignment):
        raise Forbidden("only the candidate hands in")
    admission.admit(kinds.get("takehome"), user)
    takehome = assignment.takehome
    now = timezone.now()
    late = now > assignment.deadline
    if late and takehome.late_policy == "refuse":
        raise HandInRejected("deadline", ["the deadline has passed; hand-ins are closed"])
    # The write-up first: it is cheap to check.
    writeup = check_writeup(writeup)
    if takehome.wants_latency:
        if reported_latency_ms is None:
            raise HandInRejected("reported_latency_ms", ["report your model's latency in ms"])
        if not 0 < reported_latency_ms < 1e7:
            raise HandInRejected("reported_latency_ms", ["a latency is a positive number of ms"])
    else:
        reported_latency_ms = None

    predictions_name = _upload_name(predictions)
    suffixes = tuple(PREDICTION_SUFFIXES.get(takehome.task, ()))
    if predictions is not None and not predictions_name.lower().endswith(suffixes):
        raise HandInRejected(
            "predictions", [f"the predictions file must end with {' or '.join(suffixes)}"]
        )
    predictions_data = _read(
        predictions, "predictions", limit("CVPREP_TAKEHOME_MAX_PREDICTIONS_BYTES")
    )
    code_name = _upload_name(code)
    if code is not None and not code_name.lower().endswith(".zip"):
        raise HandInRejected("code", ["the code archive must be a .zip"])
    code_data = _read(code, "code", limit("CVPREP_TAKEHOME_MAX_CODE_BYTES"))
    check_code_zip(code_data)

    package = load_package(takehome)
    try:
        validate_predictions(package, predictions_data, predictions_name)
    except PredictionError as error:
        messages = [f"{where}: {what}" for where, what in error.errors] or [str(error)]
        raise HandInRejected("predictions", messages) from None

    with admission.pending_slot(kinds.get("takehome"), user):
        hand_in = HandIn.objects.create(
            assignment=assignment,
            is_late=late,
            predictions=predictions_data,
            predictions_name=predictions_name,
            code_zip=code_data,
            code_name=code_name,
            writeup=writeup,
            reported_latency_ms=reported_latency_ms,
            enqueued_at=now,
        )
        lifecycle.enqueue(kinds.get("takehome"), hand_in.id)
    return hand_in


def grade(hand_in: HandIn) -> tuple[dict[str, Any], str, float | None, dict[str, bytes]]:
    """Score a hand-in on the hidden split: (report json, primary name, primary value, plots)."""
    from graders.takehome import render_plots, score, validate_predictions

    package = load_package(hand_in.assignment.takehome)
    predictions = validate_predictions(
        package, bytes(hand_in.predictions), hand_in.predictions_name
    )
    report = score(package, predictions, reported_latency_ms=hand_in.reported_latency_ms)
    plots = render_plots(package, report)
    primary = report.primary
    value = report.headline.get(primary)
    return report.to_json(), primary, None if value is None else float(value), plots


# ---------------------------------------------------------------- review


def _check_open_review(user: Any, assignment: Assignment) -> None:
    if not access.reviews(user, assignment):
        raise Forbidden("only the assignment's reviewers review it")


def score_rubric(*, assignment: Assignment, user: Any, scores: dict[str, float]) -> None:
    _check_open_review(user, assignment)
    takehome = assignment.takehome
    with transaction.atomic():
        for item_id, points in scores.items():
            item = takehome.rubric_item(item_id)
            if item is None:
                raise ReviewRejected(f"{item_id}: not an item of this rubric")
            reviews.set_score(
                target=assignment,
                author=user,
                item_id=item_id,
                points=float(points),
                max_points=float(item["points"]),
            )


def write_summary(
    *, assignment: Assignment, user: Any, summary: str | None = None, decision: str | None = None
) -> Assignment:
    _check_open_review(user, assignment)
    fields = []
    if summary is not None:
        if len(summary) > 50_000:
            raise ReviewRejected("summary: at most 50000 characters")
        assignment.summary = summary.replace("\x00", "")
        fields.append("summary")
    if decision is not None:
        if decision not in {"", *Assignment.Decision.values}:
            raise ReviewRejected(f"decision: one of {', '.join(Assignment.Decision.values)}")
        assignment.decision = decision
        fields.append("decision")
    if fields:
        assignment.save(update_fields=fields)
    return assignment


def save_review(
    *,
    assignment: Assignment,
    user: Any,
    scores: dict[str, float] | None = None,
    summary: str | None = None,
    decision: str | None = None,
) -> Assignment:
    """Scores, summary and decision together: all of them or none (the page and the API)."""
    with transaction.atomic():
        if scores is not None:
            score_rubric(assignment=assignment, user=user, scores=scores)
        return write_summary(assignment=assignment, user=user, summary=summary, decision=decision)


def release(*, assignment: Assignment, user: Any) -> Assignment:
    """Show the candidate the review: comments in place, scores and summary."""
    _check_open_review(user, assignment)
    if not (assignment.hand_ins.exists() or assignment.model_hand_ins.exists()):
        raise ReviewRejected("nothing handed in yet")
    Assignment.objects.filter(pk=assignment.pk, released_at__isnull=True).update(
        released_at=timezone.now()
    )
    assignment.refresh_from_db(fields=["released_at"])
    return assignment
