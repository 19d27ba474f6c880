"""The design package behind a catalog row, loaded from disk once per fingerprint."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from backend.catalog.models import Problem
from graders.design import DesignPackage, load_design


@lru_cache(maxsize=64)
def _load(path: str, fingerprint: str) -> DesignPackage:
    return load_design(Path(path))


def package_for(problem: Problem) -> DesignPackage:
    return _load(str(Path(settings.CVPREP_PROBLEMS_DIR) / problem.slug), problem.fingerprint)
