"""Health probes and metrics, at the root where load balancers and Prometheus look."""

from django.urls import path

from backend.ops import health
from backend.ops.metrics import metrics

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]
