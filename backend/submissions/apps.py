from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "backend.submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.catalog.selectors import register_status_source
        from backend.submissions import kind
        from backend.submissions.selectors import problem_status

        register_status_source(problem_status)
        kind.register()
