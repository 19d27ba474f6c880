"""Storing and reading the PNG artifacts of graded jobs, for every kind."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from backend.grading.models import Artifact, GradedJob


def of(model: type[GradedJob], job_id: int) -> QuerySet[Artifact]:
    return Artifact.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=job_id
    )


def replace(model: type[GradedJob], job_id: int, artifacts: Mapping[str, bytes]) -> None:
    """The job's artifacts become exactly these (a regrade's pictures replace the last)."""
    of(model, job_id).delete()
    content_type = ContentType.objects.get_for_model(model)
    Artifact.objects.bulk_create(
        Artifact(content_type=content_type, object_id=job_id, name=name, png=png)
        for name, png in artifacts.items()
    )


def names(job: GradedJob) -> list[str]:
    return list(of(type(job), job.pk).values_list("name", flat=True))
