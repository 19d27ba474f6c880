from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "backend.idempotency"
    default_auto_field = "django.db.models.BigAutoField"
