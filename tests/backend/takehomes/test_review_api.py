"""Reviewing a hand-in: the code file by file, comments on lines with replies and resolve,
rubric scores, summary and decision, release."""

import pytest

from backend.takehomes import tasks
from backend.takehomes.models import HandIn
from tests.backend.takehomes.conftest import client_for, code_zip, post_hand_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def hand_in(assignment, candidate, package, sent) -> HandIn:
    code = code_zip(
        {
            "train.py": "def f(x):\n    return '<script>alert(1)</script>'\n",
            "src/model.py": '"""A docstring\nover two lines."""\nimport torch\n',
            "notes.txt": b"\xff\xfe\x00binary\x00",
            "big.csv": "1,2\n" * 200_000,
        }
    )
    response = post_hand_in(candidate, assignment, package, code=code)
    assert response.status_code == 201, response.content
    tasks.grade_hand_in(response.json()["id"])
    return HandIn.objects.get(id=response.json()["id"])


def base(hand_in) -> str:
    return f"/api/assignments/{hand_in.assignment_id}/hand-ins/{hand_in.pk}"


def test_files_are_listed_and_shown_escaped_and_highlighted(hand_in, reviewer):
    api = client_for(reviewer)
    files = {f["path"]: f for f in api.get(f"{base(hand_in)}/files/").json()}
    assert set(files) == {"train.py", "src/model.py", "notes.txt", "big.csv"}
    assert files["big.csv"]["shown"] is False
    shown = api.get(f"{base(hand_in)}/files/train.py").json()
    assert shown["shown"] is True and [line["number"] for line in shown["lines"]] == [1, 2]
    html = shown["lines"][1]["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html and 'class="' in html
    # A token that spans lines still gives one self-contained line of HTML per source line.
    model = api.get(f"{base(hand_in)}/files/src/model.py").json()["lines"]
    assert len(model) == 3 and model[1]["html"].count("<span") == model[1]["html"].count("</span>")
    binary = api.get(f"{base(hand_in)}/files/notes.txt").json()
    assert binary["shown"] is False and binary["lines"] == []
    assert api.get(f"{base(hand_in)}/files/nope.py").status_code == 404


def test_comments_on_lines_with_replies_resolve_and_edit(hand_in, reviewer):
    api = client_for(reviewer)
    url = f"{base(hand_in)}/comments/"
    first = api.post(
        url, {"body": "Why **x**? <script>x</script>", "file_path": "train.py", "line": 2}
    ).json()
    assert first["line"] == 2 and first["file_path"] == "train.py"
    assert "<strong>x</strong>" in first["body_html"] and "<script>" not in first["body_html"]
    reply = api.post(url, {"body": "Agreed", "parent": first["id"]}, format="json").json()
    assert reply["parent"] == first["id"] and reply["line"] == 2
    general = api.post(url, {"body": "Overall fine"}, format="json").json()
    assert general["file_path"] == "" and general["line"] is None

    a = hand_in.assignment_id
    resolved = api.post(f"/api/assignments/{a}/comments/{first['id']}/resolve/", {}).json()
    assert resolved["resolved"] is True and resolved["resolved_by"] == "rita"
    reopened = api.post(
        f"/api/assignments/{a}/comments/{first['id']}/resolve/", {"resolved": False}, format="json"
    ).json()
    assert reopened["resolved"] is False and reopened["resolved_by"] is None
    edited = api.patch(
        f"/api/assignments/{a}/comments/{first['id']}/", {"body": "Why x?"}, format="json"
    ).json()
    assert edited["body"] == "Why x?" and edited["edited_at"]
    assert [c["id"] for c in api.get(url).json()] == [first["id"], reply["id"], general["id"]]
    assert api.delete(f"/api/assignments/{a}/comments/{general['id']}/").status_code == 204


def test_comment_errors_are_400s(hand_in, reviewer):
    api = client_for(reviewer)
    url = f"{base(hand_in)}/comments/"
    assert api.post(url, {"body": "x", "file_path": "nope.py", "line": 1}).status_code == 400
    assert api.post(url, {"body": "x", "file_path": "train.py", "line": 99}).status_code == 400
    assert api.post(url, {"body": "  "}, format="json").status_code == 400
    assert api.post(url, {"body": "x", "line": 3}, format="json").status_code == 400
    assert api.post(url, {"body": "x", "parent": 999999}, format="json").status_code == 400


def test_only_the_author_edits_a_comment(hand_in, reviewer, assignment):
    from backend.takehomes import services
    from tests.backend.takehomes.conftest import make_reviewer

    make_reviewer("cora")
    services.add_co_reviewer(assignment=assignment, by=reviewer, username="cora")
    comment = client_for(reviewer).post(f"{base(hand_in)}/comments/", {"body": "mine"}).json()
    from django.contrib.auth import get_user_model

    cora = client_for(get_user_model().objects.get(username="cora"))
    url = f"/api/assignments/{assignment.pk}/comments/{comment['id']}/"
    assert cora.patch(url, {"body": "yours"}, format="json").status_code == 403
    assert cora.delete(url).status_code == 403
    # ...but any reviewer of the assignment may resolve it.
    assert cora.post(f"{url}resolve/", {}).status_code == 200


def test_rubric_summary_decision_and_release(hand_in, reviewer, assignment):
    api = client_for(reviewer)
    url = f"/api/assignments/{assignment.pk}/review/"
    body = api.put(
        url,
        {"scores": {"metric": 30, "latency": 20.5}, "summary": "Good *work*", "decision": "yes"},
        format="json",
    ).json()
    scores = {item["id"]: item["score"] for item in body["rubric"]}
    assert scores["metric"] == 30 and scores["latency"] == 20.5 and scores["code"] is None
    assert body["total"] == 50.5 and body["max_total"] == 100 and body["decision"] == "yes"
    assert api.put(url, {"scores": {"metric": 36}}, format="json").status_code == 400
    assert api.put(url, {"scores": {"metric": -1}}, format="json").status_code == 400
    assert api.put(url, {"scores": {"made_up": 1}}, format="json").status_code == 400
    assert api.put(url, {"decision": "maybe"}, format="json").status_code == 400
    released = api.post(f"/api/assignments/{assignment.pk}/release/")
    assert released.status_code == 200 and released.json()["released_at"]


def test_release_needs_a_hand_in(assignment, reviewer):
    response = client_for(reviewer).post(f"/api/assignments/{assignment.pk}/release/")
    assert response.status_code == 400


def test_the_schema_documents_the_takehome_api(db, client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/takehomes/",
        "/api/assignments/{id}/hand-ins/",
        "/api/assignments/{id}/release/",
    ):
        assert path in schema
