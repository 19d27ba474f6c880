"""Writes to the catalog: loading problem packages into the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

import graders
from backend.catalog.models import Problem
from graders.design import DesignPackage
from graders.package import package_kind

Package = graders.ProblemPackage | DesignPackage


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = []
        for label in ("added", "changed", "retired", "unchanged"):
            slugs = getattr(self, label)
            shown = f": {', '.join(slugs)}" if slugs and label != "unchanged" else ""
            parts.append(f"{label} {len(slugs)}{shown}")
        return "; ".join(parts)


def problem_fields(package: graders.ProblemPackage) -> dict[str, object]:
    return {
        "title": package.title,
        "kind": package.kind,
        "difficulty": package.difficulty,
        "category": package.category,
        "tags": list(package.tags),
        "entry": package.entry,
        "statement": package.statement,
        "starter": package.starter,
        "time_limit": package.time_limit,
        "memory_limit_mb": package.memory_limit_mb,
        "samples": graders.sample_cases(package),
        "case_count": len(graders.prepare(package).cases),
        "fingerprint": package.fingerprint,
        "details": {"aliases": list(package.aliases), "runtime": package.runtime},
        "is_active": True,
    }


def design_fields(package: DesignPackage) -> dict[str, object]:
    return {
        "title": package.title,
        "kind": "design",
        "difficulty": package.difficulty,
        "category": package.category,
        "tags": list(package.tags),
        "entry": package.slug,
        "statement": package.prompt,
        "starter": package.starter_spec,
        "time_limit": 0.0,
        "memory_limit_mb": 0,
        "samples": [],
        "case_count": 0,
        "fingerprint": package.fingerprint,
        "details": {
            "task": package.requirements.task,
            "requirements": package.requirements.to_json(),
            "rubric": [item.to_json(with_answer=False) for item in package.rubric],
        },
        "is_active": True,
    }


SyncHook = Callable[[Problem, Package], None]
_sync_hooks: list[SyncHook] = []


def register_sync_hook(hook: SyncHook) -> None:
    """Called, inside the sync's transaction, for each added or changed package with its row:
    an app that keeps private data of a kind (a design's model answer) stores it here."""
    if hook not in _sync_hooks:
        _sync_hooks.append(hook)


def load_any(path: Path) -> Package | None:
    """The package at ``path`` if it belongs in the catalog (take-homes sync on their own)."""
    if package_kind(path) == "takehome":
        return None
    package = graders.load(path)
    return package if isinstance(package, graders.ProblemPackage | DesignPackage) else None


def check_tags(packages: list[Package]) -> None:
    """One spelling per concept across the catalog: "point-cloud" and "point-clouds" split
    the problems of one tag in two."""
    tags = {tag: package for package in packages for tag in package.tags}
    for tag, package in sorted(tags.items()):
        if tag.endswith("s") and tag[:-1] in tags:
            raise graders.InvalidPackage(
                path=package.path / "problem.toml",
                field="tags",
                reason=f"{tag!r} duplicates {tag[:-1]!r} (used by {tags[tag[:-1]].slug}): "
                "use the singular",
            )


def sync_problems(*, root: Path) -> SyncReport:
    """Load every package under ``root``; all-or-nothing: one invalid package changes nothing.

    Raises graders.InvalidPackage naming the file and field at fault.
    """
    loaded = [load_any(path) for path in graders.discover(root)]
    packages = [package for package in loaded if package is not None]
    check_tags(packages)
    report = SyncReport()
    existing = {problem.slug: problem for problem in Problem.objects.all()}
    fields_by_slug = {}
    changed: dict[str, Package] = {}
    for package in packages:
        current = existing.get(package.slug)
        # rows synced before the runtime was stored are refreshed once, even if unchanged
        if (
            current is not None
            and current.fingerprint == package.fingerprint
            and current.is_active
            and (current.kind != Problem.Kind.CODING or "runtime" in current.details)
        ):
            report.unchanged.append(package.slug)
            continue
        changed[package.slug] = package
        if isinstance(package, DesignPackage):
            fields_by_slug[package.slug] = design_fields(package)
        else:
            fields_by_slug[package.slug] = problem_fields(package)  # runs cases.py, reference
    with transaction.atomic():
        for slug, fields in fields_by_slug.items():
            problem, created = Problem.objects.update_or_create(slug=slug, defaults=fields)
            for hook in _sync_hooks:
                hook(problem, changed[slug])
            (report.added if created else report.changed).append(slug)
        on_disk = {package.slug for package in packages}
        for slug, problem in existing.items():
            if slug not in on_disk and problem.is_active:
                problem.is_active = False
                problem.save(update_fields=["is_active", "updated_at"])
                report.retired.append(slug)
    return report
