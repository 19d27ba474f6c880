"""The registry of kinds of graded work, the way DMOJ registers contest formats: each kind's
app registers one ``Kind`` from its AppConfig.ready(); a second registration of a name is
refused. Adding a kind is one app, one model (a GradedJob), one ``grade`` function."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from celery import Task
from django.db.models import Q

from backend.grading.models import GradedJob, JobStatus


@dataclass(frozen=True)
class Claim:
    """The grading worker's hold on a row: what it writes, it writes under this token."""

    job_id: int
    token: uuid.UUID


@dataclass(frozen=True)
class Outcome:
    """What grading found: the row's fields to store, its status, and PNG artifacts by name."""

    fields: Mapping[str, Any]
    status: str = JobStatus.DONE
    artifacts: Mapping[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[GradedJob]
    task: Task
    grade: Callable[[Any, Claim], Outcome]
    # How long grading may honestly take, in seconds; a running row past it lost its worker.
    running_bound: Callable[[Any], float]
    # Who may see the job and its artifacts (the owner, and those the kind allows).
    can_view: Callable[[Any, Any], bool]
    # The fields a failure writes; coding keeps its historic done + internal_error verdict.
    failed_fields: Callable[[str], dict[str, Any]] = lambda message: {
        "status": JobStatus.FAILED,
        "error": message[:2000],
    }
    # Fields reset on each claim (the coding kind's per-case progress).
    claim_fields: Mapping[str, Any] = field(default_factory=dict)
    # Called with the job id once an outcome is stored (live events, signals).
    on_finished: Callable[[int, Outcome], None] = lambda job_id, outcome: None
    # The path from a job to the user whose work it is (backpressure and fair dispatch).
    owner_field: str = "owner"
    # Work graded first, most urgent first (backend/grading/dispatch.py): interview work ahead
    # of practice, sample runs ahead of full submits.
    dispatch_tiers: tuple[Q, ...] = ()
    # The URL's parent id, when the job's URL nests it (a hand-in under its assignment).
    parent_field: str = ""
    # Related rows grade() reads, fetched with the job.
    select_related: tuple[str, ...] = ()
    # Statuses no failure may overwrite.
    terminal: tuple[str, ...] = (JobStatus.DONE, JobStatus.FAILED)


_kinds: dict[str, Kind] = {}


class DuplicateKind(ValueError):
    pass


def register(kind: Kind) -> Kind:
    current = _kinds.get(kind.name)
    if current is not None and current.model is not kind.model:
        raise DuplicateKind(f"a kind named {kind.name!r} is registered already")
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    return _kinds[name]


def all_kinds() -> list[Kind]:
    return list(_kinds.values())


def of_model(model: type[Any]) -> Kind:
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    raise LookupError(f"{model.__name__} is not a registered kind of graded work")
