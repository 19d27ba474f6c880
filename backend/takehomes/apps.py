from django.apps import AppConfig


class TakehomesConfig(AppConfig):
    name = "backend.takehomes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.takehomes import access, kind, model_kind

        access.register_review_policies()
        kind.register()
        model_kind.register()
