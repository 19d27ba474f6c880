# Submission now shares backend.grading.GradedJob's status choices (the column is unchanged).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("submissions", "0004_submission_heartbeat"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submission",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("failed", "Failed"),
                ],
                db_index=True,
                default="queued",
                max_length=10,
            ),
        ),
    ]
