# The hand-in plots move into grading.Artifact (same PNG bytes), then their own table goes.

from django.db import migrations

from backend.grading.artifact_copy import copier


class Migration(migrations.Migration):

    dependencies = [
        ("takehomes", "0002_handin_heartbeat_at"),
        ("grading", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            copier(
                "takehomes", "HandInPlot", "HandIn", "hand_in_id",
                lambda row: row.name,
            ),
            migrations.RunPython.noop,
        ),
        migrations.DeleteModel(name="HandInPlot"),
    ]
