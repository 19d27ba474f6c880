import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

from backend.config.hangups import CompleteOnHangup  # noqa: E402
from backend.config.shedding import ShedLoad  # noqa: E402

application = ShedLoad(
    CompleteOnHangup(django_application),
    limit=settings.CVPREP_MAX_IN_FLIGHT,
    retry_after=settings.CVPREP_OVERLOAD_RETRY_AFTER_SECONDS,
)
