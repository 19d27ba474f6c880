"""``/metrics`` for Prometheus: django-prometheus's request metrics, grading's own
(backend/grading/metrics.py), the refusals (backend/ops/middleware.py), and the depth of each
queue read at scrape time.

Who may read it: a staff user, a request bearing ``Authorization: Bearer
<CVPREP_METRICS_TOKEN>``, or one from an address in CVPREP_METRICS_ALLOW_IPS (default: this
host). Everyone else gets a 404, as for a page that is not there.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

import redis
from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from backend.grading import broker, kinds
from backend.grading.models import JobStatus
from backend.grading.sweep import queue_of
from backend.lib.live import redis_client


class QueueCollector:
    """Queued and running work per kind and queue (the database, the truth), and the messages
    each queue holds in Redis (what workers will take next)."""

    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily(
            "cvprep_queue_depth", "Work rows queued, by queue and kind.", labels=["queue", "kind"]
        )
        running = GaugeMetricFamily(
            "cvprep_jobs_running", "Work rows being graded, by kind.", labels=["kind"]
        )
        queues: set[str] = set()
        for kind in kinds.all_kinds():
            queue = queue_of(kind)
            queues.add(queue)
            pending = kind.model.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
            counts = dict(
                pending.order_by()
                .values("status")
                .annotate(n=Count("id"))
                .values_list("status", "n")
            )
            depth.add_metric([queue, kind.name], counts.get(JobStatus.QUEUED, 0))
            running.add_metric([kind.name], counts.get(JobStatus.RUNNING, 0))
        yield depth
        yield running
        messages = broker_messages(sorted(queues))
        if messages is not None:
            family = GaugeMetricFamily(
                "cvprep_broker_messages",
                "Messages waiting in the broker, by queue.",
                labels=["queue"],
            )
            for queue, count in messages.items():
                family.add_metric([queue], count)
            yield family


def broker_messages(queues: list[str]) -> dict[str, int] | None:
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://", "redis+socket://")):
        return None
    try:
        client = redis_client()
        return {
            queue: sum(int(client.llen(key)) for key in broker.queue_keys(queue))
            for queue in queues
        }
    except (redis.RedisError, OSError):
        return None  # the broker's own outage shows on /readyz; the rest is still worth having


def process_samples() -> bytes:
    """This process's samples, or under PROMETHEUS_MULTIPROC_DIR those of every process of
    the host (web workers and Celery workers alike)."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def allowed(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.CVPREP_METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    return request.META.get("REMOTE_ADDR", "") in settings.CVPREP_METRICS_ALLOW_IPS


def metrics(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        raise Http404
    queues = CollectorRegistry()
    queues.register(QueueCollector())
    body = process_samples() + generate_latest(queues)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
