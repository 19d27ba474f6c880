"""The bridge to graders/: a Submission in, a plain result dict out."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

import graders
from backend.catalog.models import Problem
from backend.submissions.models import Submission
from graders.coding.pictures import CasePictures, case_pictures
from graders.sandbox.bwrap import SandboxUnavailable


@lru_cache(maxsize=64)
def _package(path: str, fingerprint: str) -> graders.ProblemPackage:
    return graders.load_package(path)


def package_for(submission: Submission) -> graders.ProblemPackage:
    return package_for_problem(submission.problem)


def package_for_problem(problem: Problem) -> graders.ProblemPackage:
    path = Path(settings.CVPREP_PROBLEMS_DIR) / problem.slug
    return _package(str(path), problem.fingerprint)


def display_tolerance(problem: Problem) -> dict[str, float]:
    """The checker's atol and rtol, for the page to round values to the digits that matter
    (an exact checker has none: every digit counts)."""
    try:
        params = package_for_problem(problem).checker.params
    except (graders.InvalidPackage, OSError):
        return {}
    return {
        key: float(params[key])
        for key in ("atol", "rtol")
        if isinstance(params.get(key), (int, float)) and not isinstance(params.get(key), bool)
    }


def internal_error(message: str) -> dict[str, Any]:
    return {
        "verdict": "internal_error",
        "score": 0.0,
        "passed": 0,
        "total": 0,
        "message": message,
        "limits": None,
        "cases": [],
    }


Pictures = dict[str, CasePictures]


def _describe(pictures: CasePictures) -> dict[str, Any]:
    return {"kinds": sorted(pictures.images), "stats": pictures.stats}


def run(
    submission: Submission, on_case: Callable[[dict[str, Any]], None]
) -> tuple[dict[str, Any], Pictures]:
    """Grade; returns the result and the pictures of the sample (or custom) cases."""
    pictures: Pictures = {}

    def picture_of(case: graders.CaseResult) -> dict[str, Any]:
        data = case.to_dict()
        if case.sample:
            made = case_pictures(case.expected, case.actual, case.inputs)
            if made is not None:
                pictures[case.name] = made
                data["pictures"] = _describe(made)
        return data

    try:
        package = package_for(submission)
        if submission.custom_input:
            try:
                result = graders.grade_custom(package, submission.code, submission.custom_input)
            except graders.CustomInputError as error:
                return {**internal_error(str(error)), "verdict": "invalid_input"}, {}
        else:
            result = graders.grade(
                package,
                submission.code,
                mode=graders.Mode(submission.mode),
                on_case=lambda case, index, total: on_case(
                    {**picture_of(case), "index": index, "total": total}
                ),
            )
        data = result.to_dict()
        for case_data, case in zip(data["cases"], result.cases, strict=True):
            if case.sample and case.name not in pictures:
                picture_of(case)
            if case.name in pictures:
                case_data["pictures"] = _describe(pictures[case.name])
        return data, pictures
    except SandboxUnavailable as error:
        return internal_error(str(error)), {}
    except graders.InvalidPackage as error:
        return internal_error(f"the problem package is invalid: {error}"), {}
