from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What an operator sees: health probes, Prometheus metrics, structured logs."""

    name = "backend.ops"
    default_auto_field = "django.db.models.BigAutoField"
