"""/healthz says the process answers; /readyz names what this host cannot reach."""

from __future__ import annotations

import socket

import pytest
from django.test import Client

from tests.graders.conftest import require_sandbox

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def broker_down(settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"


@pytest.fixture
def broker_up(settings, redis_url):  # noqa: F811
    settings.CELERY_BROKER_URL = redis_url


def test_healthz_is_200_json_even_with_the_broker_down(broker_down):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_200_with_every_check_when_all_is_reachable(broker_up):
    require_sandbox()
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "broker", "sandbox"}
    assert all(check["ok"] for check in body["checks"].values())


def test_readyz_is_503_naming_the_broker_when_it_is_down(broker_down):
    require_sandbox()
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert body["status"] == "unavailable" and body["failing"] == ["broker"]
    assert "ConnectionError" in body["checks"]["broker"]["error"]
    assert body["checks"]["database"]["ok"] and body["checks"]["sandbox"]["ok"]


def test_readyz_is_503_naming_the_sandbox_without_bubblewrap(broker_up, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on it
    response = Client().get("/readyz")
    body = response.json()
    assert response.status_code == 503 and body["failing"] == ["sandbox"]
    assert "bubblewrap" in body["checks"]["sandbox"]["error"]


def test_readyz_refuses_a_post():
    assert Client().post("/readyz").status_code == 405
