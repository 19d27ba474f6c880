from django.apps import AppConfig


class TakehomesConfig(AppConfig):
    name = "backend.takehomes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the grading task and the sweep with every Celery worker (the Celery app
        # autodiscovers only the apps it lists).
        from backend.takehomes import access, tasks  # noqa: F401

        access.register_review_policies()
