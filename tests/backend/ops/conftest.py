# A real Redis for the broker check: the machine's under CI, an embedded one elsewhere.
from tests.integration.conftest import redis_url  # noqa: F401
