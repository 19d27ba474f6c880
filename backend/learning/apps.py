from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "backend.learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Grading and interviews announce results by signal; they know nothing of this app.
        from backend.learning import receivers  # noqa: F401
