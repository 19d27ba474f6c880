from django.db import migrations

# name, description, minutes, coding problems, design prompts, difficulty
TEMPLATES = [
    (
        "Short loop",
        "One easy coding problem and one system-design prompt in 10 minutes.",
        10,
        1,
        1,
        "easy",
    ),
    (
        "System design round",
        "One real-time inference pipeline to design in 45 minutes, graded by simulation.",
        45,
        0,
        1,
        "",
    ),
]


def create(apps, schema_editor):
    Template = apps.get_model("interviews", "InterviewTemplate")
    for name, description, minutes, coding, designs, difficulty in TEMPLATES:
        Template.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "duration_minutes": minutes,
                "problem_count": coding,
                "design_count": designs,
                "difficulty": difficulty,
            },
        )
    # The full loop gains its design round.
    Template.objects.filter(name="Full loop", design_count=0).update(design_count=1)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0004_reviewers")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
