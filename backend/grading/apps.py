from django.apps import AppConfig


class GradingConfig(AppConfig):
    """Graded work, once: the lifecycle, the task, the sweep. Each kind registers itself from
    its own AppConfig.ready() (backend.grading.kinds)."""

    name = "backend.grading"
    default_auto_field = "django.db.models.BigAutoField"
