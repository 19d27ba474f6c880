import logging.config
import os

from celery import Celery
from celery.signals import setup_logging, worker_init
from django.conf import settings
from prometheus_client import CollectorRegistry, multiprocess, start_http_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")

app = Celery("cvprep")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # every installed app's tasks.py

if settings.LOG_FORMAT == "json":
    # Celery replaces the root logger's handlers with its own text ones unless a receiver
    # takes over: the workers then log the same JSON lines as the web (settings.LOGGING).
    @setup_logging.connect
    def _django_logging(**kwargs: object) -> None:
        logging.config.dictConfig(settings.LOGGING)


@worker_init.connect
def _serve_worker_metrics(**kwargs: object) -> None:
    """A worker host has no web process to scrape: with CVPREP_WORKER_METRICS_PORT set, the
    worker's main process serves the grading metrics of all its pool processes (those under
    PROMETHEUS_MULTIPROC_DIR, which `./cvprep worker` sets and empties at start)."""
    port = settings.CVPREP_WORKER_METRICS_PORT
    if not port:
        return
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        start_http_server(port, registry=registry)
    else:
        start_http_server(port)  # a solo or threaded pool: this process's own samples
