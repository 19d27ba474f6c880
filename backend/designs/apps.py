from django.apps import AppConfig


class DesignsConfig(AppConfig):
    name = "backend.designs"
    default_auto_field = "django.db.models.BigAutoField"
