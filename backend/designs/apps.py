from django.apps import AppConfig


class DesignsConfig(AppConfig):
    name = "backend.designs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.catalog.services import register_sync_hook
        from backend.designs import kind
        from backend.designs.services import save_answer

        register_sync_hook(save_answer)
        kind.register()
