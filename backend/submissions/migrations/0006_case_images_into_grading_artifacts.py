# The case pictures move into grading.Artifact (same PNG bytes), then their own table goes.

from django.db import migrations

from backend.grading.artifact_copy import copier


class Migration(migrations.Migration):

    dependencies = [
        ("submissions", "0005_status_choices_of_graded_work"),
        ("grading", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            copier(
                "submissions", "CaseImage", "Submission", "submission_id",
                lambda row: f"{row.case_name}/{row.kind}",
            ),
            migrations.RunPython.noop,
        ),
        migrations.DeleteModel(name="CaseImage"),
    ]
