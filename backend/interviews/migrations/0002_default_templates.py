from django.db import migrations

TEMPLATES = [
    ("Quick round", "One problem in 10 minutes: a warm-up.", 10, 1, "", "easy"),
    ("Coding round", "Two problems in 45 minutes, as in a phone screen.", 45, 2, "", ""),
    ("Detection deep dive", "Two detection problems in 45 minutes.", 45, 2, "detection", ""),
    ("Full loop", "Three problems in 90 minutes.", 90, 3, "", ""),
]


def create(apps, schema_editor):
    Template = apps.get_model("interviews", "InterviewTemplate")
    for name, description, minutes, count, category, difficulty in TEMPLATES:
        Template.objects.get_or_create(
            name=name,
            defaults={
                "description": description,
                "duration_minutes": minutes,
                "problem_count": count,
                "category": category,
                "difficulty": difficulty,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
