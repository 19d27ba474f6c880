"""The design prompt's page: what a refused hand-in tells the candidate, in either mode."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from backend.designs.models import DesignSubmission

pytestmark = pytest.mark.django_db

URL = "/design/design_multicam_detection/"
BAD_YAML = """
sample_every: 1
stages:
  - {name: decode, kind: decode, device: nvdec, replicas: 8}
  - {name: preprocess, kind: preprocess, device: cpu-core, replicas: 12}
  - {name: detect, kind: inference, model: yolov8s-int8, device: t4, replicas: 0,
     batch_size: 16, batch_timeout_ms: 8}
  - {name: nms, kind: postprocess, device: cpu-core, replicas: 4}
"""


@pytest.fixture
def client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def alert_text(html: str) -> str:
    match = re.search(r'<div class="errors" role="alert".*?</div>', html, re.DOTALL)
    assert match, "no error summary on the page"
    return re.sub(r"<[^>]+>", "", match.group(0))


def test_yaml_mode_lists_every_spec_error_with_its_path(client, prompt, queued):
    response = client.post(URL, {"write_up": "# Mine", "spec_mode": "yaml", "spec_yaml": BAD_YAML})
    assert response.status_code == 200
    summary = alert_text(response.content.decode())
    assert "stages[2].replicas: must be between 1 and 1000" in summary
    assert DesignSubmission.objects.count() == 0


def test_form_mode_lists_every_spec_error_with_its_path_too(client, prompt, queued):
    form = {"write_up": "# Mine", "spec_mode": "form", "sample_every": "1"}
    stages = [
        ("decode", "nvdec", "8"),
        ("preprocess", "cpu-core", "12"),
        ("inference", "t4", "0"),
        ("postprocess", "cpu-core", "4"),
    ]
    for index, (kind, device, replicas) in enumerate(stages):
        form |= {
            f"stage-{index}-name": kind,
            f"stage-{index}-kind": kind,
            f"stage-{index}-device": device,
            f"stage-{index}-replicas": replicas,
        }
    form["stage-2-model"] = "yolov8s-int8"
    response = client.post(URL, form)
    html = response.content.decode()
    assert "stages[2].replicas: must be between 1 and 1000" in alert_text(html)
    assert 'data-field="replicas"' in html  # and at the field itself
