"""Moving a kind's own PNG table into grading.Artifact, for the kinds' data migrations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BATCH = 200


def copier(
    app_label: str, old_model: str, job_model: str, job_field: str, name_of: Callable[[Any], str]
) -> Callable[[Any, Any], None]:
    """A RunPython forward function: every row of ``old_model`` becomes an Artifact of the job
    it belongs to, under ``name_of(row)``; the row's PNG bytes are kept as they are."""

    def copy(apps: Any, schema_editor: Any) -> None:
        ContentType = apps.get_model("contenttypes", "ContentType")
        Artifact = apps.get_model("grading", "Artifact")
        Old = apps.get_model(app_label, old_model)
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=job_model.lower()
        )
        batch = []
        for row in Old.objects.order_by("pk").iterator(chunk_size=BATCH):
            batch.append(
                Artifact(
                    content_type_id=content_type.pk,
                    object_id=getattr(row, job_field),
                    name=name_of(row)[:255],
                    png=row.png,
                )
            )
            if len(batch) >= BATCH:
                Artifact.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Artifact.objects.bulk_create(batch, ignore_conflicts=True)

    return copy
