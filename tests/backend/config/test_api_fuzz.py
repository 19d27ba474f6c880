"""Every write endpoint of the API, fed bodies of the wrong shape and values of the wrong type,
as an anonymous visitor, a candidate and a reviewer: a 4xx every time, never a 500.

The endpoints come from the OpenAPI schema, so a new endpoint is fuzzed without being listed.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import (
    code_zip,
    make_reviewer,
    predictions_csv,
    small_takehome,
)

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
DESIGN = "design_multicam_detection"
WEIRD_VALUES: list[Any] = [None, -1, 0, 10**30, 1e308, "", "x" * 5000, [], {}, [[[[1]]]], True,
                           "../../etc/passwd", "\x00", "NaN", {"$ne": 1}]
WEIRD_BODIES: list[Any] = [{}, [], "x", 7, None, {"unexpected": {"deeply": [[[[]]]]}}]


@pytest.fixture
def world(tmp_path: Path, settings, monkeypatch) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for task in ("backend.submissions.tasks.grade_submission",
                 "backend.designs.tasks.grade_design",
                 "backend.takehomes.tasks.grade_hand_in"):
        monkeypatch.setattr(f"{task}.delay", lambda *args: None)
    monkeypatch.setattr("backend.interviews.tasks.finish_interview.apply_async",
                        lambda *a, **k: None)
    root = tmp_path / "problems"
    root.mkdir()
    for slug in ("components", DESIGN, "nms"):
        shutil.copytree(REPO / "problems" / slug, root / slug)
    small_takehome(root)
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    call_command("sync_problems", "--path", str(root), stdout=StringIO())
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())

    from backend.designs.services import create_design_submission
    from backend.reviews.services import add_comment
    from backend.takehomes import services as takehomes
    from backend.takehomes.models import TakeHome
    from graders.takehome import load_takehome

    package = load_takehome(root / "th_shapes")
    reviewer, candidate = make_reviewer("rita"), UserFactory(username="carl")
    assignment = takehomes.create_assignment(
        reviewer=reviewer, takehome=TakeHome.objects.get(), candidate=candidate
    )
    api = APIClient()
    api.force_login(candidate)
    hand_in = api.post(
        f"/api/assignments/{assignment.pk}/hand-ins/",
        {"predictions": _file("predictions.csv", predictions_csv(package, right=True)),
         "code": _file("code.zip", code_zip()), "writeup": "# notes",
         "reported_latency_ms": 3},
        format="multipart",
    )
    from backend.catalog.models import Problem

    design = create_design_submission(
        user=candidate, problem=Problem.objects.get(slug=DESIGN), write_up="w",
        spec=(REPO / "problems" / DESIGN / "model_spec.yaml").read_text(),
    )
    from backend.takehomes.models import HandIn

    assert hand_in.status_code == 201, hand_in.content
    hand_in_id = hand_in.json()["id"]
    comment = add_comment(target=HandIn.objects.get(pk=hand_in_id), author=reviewer, body="hm")
    return {
        "users": {"anonymous": None, "candidate": candidate, "reviewer": reviewer},
        "params": {"id": {"assignments": assignment.pk, "design-submissions": design.pk},
                   "hand_in_id": hand_in_id, "comment_id": comment.pk, "path": "train.py",
                   "name": "per_class"},
        "slugs": {"design-prompts": DESIGN, "problems": "nms", "takehomes": "th_shapes"},
    }


def _file(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _fill(path: str, world: dict[str, Any]) -> str:
    resource = path.split("/")[2]
    params = world["params"]

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "slug":
            return str(world["slugs"].get(resource, "nope"))
        if name == "id":
            return str(params["id"].get(resource, 1))
        return str(params.get(name, 1))

    return re.sub(r"\{(\w+)\}", value, path)


def _bodies(operation: dict[str, Any], components: dict[str, Any]) -> list[Any]:
    bodies = list(WEIRD_BODIES)
    content = operation.get("requestBody", {}).get("content", {})
    schema = next(iter(content.values()), {}).get("schema", {})
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    fields = list(schema.get("properties", {}))
    for weird in WEIRD_VALUES:
        bodies.append({field: weird for field in fields})
    return bodies


@functools.cache
def api_schema() -> dict[str, Any]:
    import django

    django.setup()
    return SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-any-return]


def write_operations() -> list[tuple[str, str]]:
    schema = api_schema()
    return [(path, method) for path, item in schema["paths"].items()
            for method in item if method in ("post", "put", "patch", "delete")]


@pytest.mark.parametrize(("path", "method"), write_operations())
def test_no_input_gets_a_500(world, path: str, method: str) -> None:
    schema = api_schema()
    operation = schema["paths"][path][method]
    components = schema["components"]["schemas"]
    url = _fill(path, world)
    for who, user in world["users"].items():
        api = APIClient()
        if user is not None:
            api.force_login(user)
        for body in _bodies(operation, components):
            response = getattr(api, method)(url, json.dumps(body),
                                            content_type="application/json")
            assert response.status_code < 500, (who, method, url, body, response.content[:300])
        response = getattr(api, method)(url, "{not json", content_type="application/json")
        assert response.status_code < 500, (who, method, url, "bad json")
        response = getattr(api, method)(url, {"predictions": "not a file", "code": "x"},
                                        format="multipart")
        assert response.status_code < 500, (who, method, url, "multipart")


def read_operations() -> list[str]:
    schema = api_schema()
    return [path for path, item in schema["paths"].items() if "get" in item]


QUERIES = ["limit=-1&offset=-5", "limit=abc&offset=1e400", f"offset={10**30}", "problem=%00",
           "search=%00&category=%00&difficulty=%00&tag=%00", "path=../../etc/passwd"]


@pytest.mark.parametrize("path", read_operations())
def test_no_query_gets_a_500(world, path: str) -> None:
    url = _fill(path, world)
    for who, user in world["users"].items():
        api = APIClient()
        if user is not None:
            api.force_login(user)
        for query in QUERIES:
            response = api.get(f"{url}?{query}")
            assert response.status_code < 500, (who, url, query, response.content[:300])
