"""Writes to the catalog: loading problem packages into the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

import graders
from backend.catalog.models import Problem


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
        "is_active": True,
    }


def sync_problems(*, root: Path) -> SyncReport:
    """Load every package under ``root``; all-or-nothing: one invalid package changes nothing.

    Raises graders.InvalidPackage naming the file and field at fault.
    """
    packages = [graders.load_package(path) for path in graders.discover(root)]
    packages = [package for package in packages if package.kind == "coding"]
    report = SyncReport()
    existing = {problem.slug: problem for problem in Problem.objects.all()}
    fields_by_slug = {}
    for package in packages:
        current = existing.get(package.slug)
        if current is not None and current.fingerprint == package.fingerprint and current.is_active:
            report.unchanged.append(package.slug)
            continue
        fields_by_slug[package.slug] = problem_fields(package)  # runs cases.py and the reference
    with transaction.atomic():
        for slug, fields in fields_by_slug.items():
            _, created = Problem.objects.update_or_create(slug=slug, defaults=fields)
            (report.added if created else report.changed).append(slug)
        on_disk = {package.slug for package in packages}
        for slug, problem in existing.items():
            if slug not in on_disk and problem.is_active:
                problem.is_active = False
                problem.save(update_fields=["is_active", "updated_at"])
                report.retired.append(slug)
    return report
