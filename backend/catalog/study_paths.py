"""Curated study paths: problems in an order that builds one skill on the last.

A path names problems by slug; one the catalog does not hold (retired, or not synced on this
site) is left out rather than shown as a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems, problem_status_for


@dataclass(frozen=True)
class Stage:
    title: str
    why: str
    slugs: tuple[str, ...]


@dataclass(frozen=True)
class StudyPath:
    slug: str
    title: str
    summary: str
    stages: tuple[Stage, ...]


SENIOR_CV_LOOP = StudyPath(
    slug="senior-cv-loop",
    title="Senior CV loop",
    summary="The coding rounds of a senior computer-vision loop, in the order interviewers "
    "tend to climb: detection post-processing, geometry, image operations, then the numerics "
    "of putting a model on a device.",
    stages=(
        Stage(
            "Detection post-processing",
            "IoU, suppression and matching: asked in nearly every detection interview.",
            ("box_iou", "nms", "batched_nms", "match_detections", "average_precision"),
        ),
        Stage(
            "Geometry",
            "Cameras and rigid motion: projection, then fitting transforms by SVD.",
            ("project_points", "kabsch", "find_homography"),
        ),
        Stage(
            "Image operations",
            "Filters and resampling by hand, with the borders and rounding OpenCV uses.",
            ("convolve2d", "gaussian_blur", "resize_bilinear", "equalize_hist"),
        ),
        Stage(
            "Deployment numerics",
            "What changes when a model is folded, quantised and run in low precision.",
            ("fold_batchnorm", "quantize_per_channel", "softmax_cross_entropy", "fake_quant_ste"),
        ),
    ),
)

PATHS = {path.slug: path for path in (SENIOR_CV_LOOP,)}


@dataclass(frozen=True)
class StageRows:
    stage: Stage
    rows: list[dict[str, object]]


def path_progress(
    path: StudyPath, user: AbstractBaseUser | AnonymousUser
) -> tuple[list[StageRows], int, int]:
    """Each stage's problems with the user's status, and (solved, total) over the path."""
    problems = {p.slug: p for p in active_problems().filter(slug__in=_slugs(path))}
    status = problem_status_for(user)
    stages = []
    for stage in path.stages:
        rows: list[dict[str, object]] = [
            {"problem": problems[slug], "status": status.get(problems[slug].id, "")}
            for slug in stage.slugs
            if slug in problems
        ]
        if rows:
            stages.append(StageRows(stage, rows))
    total = sum(len(s.rows) for s in stages)
    solved = sum(1 for s in stages for row in s.rows if row["status"] == "solved")
    return stages, solved, total


def next_problem(stages: list[StageRows]) -> Problem | None:
    """The first problem of the path not solved yet: where to carry on."""
    for stage in stages:
        for row in stage.rows:
            if row["status"] != "solved":
                problem = row["problem"]
                assert isinstance(problem, Problem)
                return problem
    return None


def _slugs(path: StudyPath) -> list[str]:
    return [slug for stage in path.stages for slug in stage.slugs]
