import json
import tomllib
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.backend.factories import ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(problems_root):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    return problems_root


def test_list_filters_by_category_difficulty_tag_and_search():
    ProblemFactory(
        slug="a", title="Alpha blur", category="image-processing", difficulty="easy", tags=["blur"]
    )
    ProblemFactory(
        slug="b", title="Beta boxes", category="detection", difficulty="hard", tags=["boxes"]
    )
    client = APIClient()

    def slugs(query: str) -> list[str]:
        return [p["slug"] for p in client.get(f"/api/problems/?{query}").json()["results"]]

    assert slugs("category=detection") == ["b"]
    assert slugs("difficulty=easy") == ["a"]
    assert slugs("tag=blur") == ["a"]
    assert slugs("search=beta") == ["b"]
    assert client.get("/api/problems/?difficulty=impossible").status_code == 400


def test_detail_has_statement_starter_limits_and_samples(synced):
    data = APIClient().get("/api/problems/nms/").json()
    assert data["entry"] == "nms" and data["starter"].startswith("import numpy")
    limit = tomllib.loads((synced / "nms" / "problem.toml").read_text())["time_limit"]
    assert data["time_limit"] == limit and "<h1>" in data["statement_html"]
    assert data["samples"][0]["name"] == "example"
    assert data["samples"][0]["expected"]["array"]["data"] == [0, 2]


def test_hidden_cases_and_reference_never_appear_in_any_problem_response(synced):
    import graders

    package = graders.load_package(synced / "nms")
    prepared = graders.prepare(package)
    # Names that are ordinary words of the public statement ("empty") prove nothing.
    hidden_names = [
        case.name
        for case in prepared.cases
        if not case.sample and case.name not in package.statement
    ]
    assert len(hidden_names) >= 8
    client = APIClient()
    bodies = [
        client.get("/api/problems/").content.decode(),
        client.get("/api/problems/nms/").content.decode(),
        client.get("/problems/nms/").content.decode(),
        client.get("/").content.decode(),
        client.get("/api/schema/").content.decode(),
    ]
    reference_line = "order = np.lexsort((np.arange(len(scores)), -scores))"
    for body in bodies:
        for name in hidden_names:
            assert name not in body
        assert reference_line not in body
        assert "solutions/" not in body


def test_unknown_problem_is_404():
    assert APIClient().get("/api/problems/nope/").status_code == 404


def test_schema_and_docs_are_served():
    client = APIClient()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200 and "/api/submissions/" in json.dumps(schema.json())
    assert client.get("/api/docs/").status_code == 200


def test_maths_survives_markdown_and_html_is_sanitised():
    from backend.lib.markdown import render_markdown

    html = render_markdown(
        "Area $w_i h_i$ and *bold*\n\n$$\\sum_i x_i$$\n\n<script>alert(1)</script>"
    )
    assert "$w_i h_i$" in html and "<em>bold</em>" in html and "$$\\sum_i x_i$$" in html
    assert "<script>" not in html


def test_search_finds_problems_by_slug_tag_and_alias_on_the_api_and_the_page():
    from django.test import Client

    ProblemFactory(slug="nms", title="Non-maximum suppression", tags=["boxes", "post-processing"])
    ProblemFactory(
        slug="match_detections",
        title="Match detections",
        tags=["assignment"],
        details={"aliases": ["hungarian matching"]},
    )
    ProblemFactory(slug="sobel", title="Sobel gradients", tags=["edges"])
    api = APIClient()

    def slugs(query: str) -> list[str]:
        rows = api.get("/api/problems/", {"search": query}).json()["results"]
        return sorted(row["slug"] for row in rows)

    assert slugs("nms") == ["nms"]
    assert slugs("NON maximum") == ["nms"]
    assert slugs("post processing") == ["nms"]
    assert slugs("Hungarian") == ["match_detections"]
    assert slugs("zzz") == []
    page = Client().get("/", {"q": "nms"}).content.decode()
    assert "Non-maximum suppression" in page and "Sobel gradients" not in page
