from django.apps import AppConfig


class PlaybackConfig(AppConfig):
    name = "backend.playback"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.interviews.extensions import register_row_extra
        from backend.playback.selectors import for_report

        register_row_extra("playback", for_report)
