from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "backend.interviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.grading import sessions
        from backend.interviews.review import register_review_policy
        from backend.interviews.sessions import InterviewSessions

        register_review_policy()
        sessions.register(InterviewSessions())
