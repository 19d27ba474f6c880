from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "backend.similarity"
    default_auto_field = "django.db.models.BigAutoField"
