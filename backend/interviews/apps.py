from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "backend.interviews"
    default_auto_field = "django.db.models.BigAutoField"
