"""Reviewing the code of a hand-in, whichever kind it is: predictions (HandIn) or a model
(ModelHandIn, issue 14). The same files with line numbers, line comments, replies, resolve and
the same rules of who may read and write, through the API and the pages."""

from __future__ import annotations

import pytest

from backend.reviews.models import Comment
from backend.takehomes import services
from backend.takehomes.models import HandIn, ModelHandIn
from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import client_for, code_zip

pytestmark = pytest.mark.django_db

CODE = {
    "train.py": "import numpy as np\n\n\ndef train(x):\n    return x * 2\n",
    "quantize.py": "from onnxruntime.quantization import quantize_static\n",
}
# URL segments of each kind, as the API and the pages spell them
SEGMENT = {"predictions": "hand-ins", "model": "model-hand-ins"}


def make_hand_in(assignment, kind: str) -> HandIn | ModelHandIn:
    """A hand-in row of either kind: the review needs its code archive, not its grading."""
    common = {
        "assignment": assignment,
        "code_zip": code_zip(CODE),
        "code_name": "code.zip",
        "writeup": "# Write-up\n\nint8, QDQ.",
    }
    if kind == "model":
        return ModelHandIn.objects.create(
            model_onnx=b"not run here", model_sha256="0" * 64, **common
        )
    return HandIn.objects.create(predictions=b"", predictions_name="predictions.csv", **common)


@pytest.fixture(params=["predictions", "model"])
def hand_in(request, assignment) -> HandIn | ModelHandIn:
    return make_hand_in(assignment, request.param)


def segment(hand_in) -> str:
    return SEGMENT["model" if isinstance(hand_in, ModelHandIn) else "predictions"]


def api(hand_in) -> str:
    return f"/api/assignments/{hand_in.assignment_id}/{segment(hand_in)}/{hand_in.pk}"


def page(hand_in) -> str:
    return f"/takehomes/assignments/{hand_in.assignment_id}/{segment(hand_in)}/{hand_in.pk}"


def test_the_reviewer_reads_the_files_with_line_numbers(hand_in, reviewer):
    they = client_for(reviewer)
    files = they.get(f"{api(hand_in)}/files/")
    assert files.status_code == 200
    assert [f["path"] for f in files.json()] == ["quantize.py", "train.py"]
    lines = they.get(f"{api(hand_in)}/files/train.py").json()["lines"]
    assert [line["number"] for line in lines] == [1, 2, 3, 4, 5]
    assert they.get(f"{api(hand_in)}/files/nope.py").status_code == 404


def test_a_line_comment_takes_replies_and_is_resolved_and_reopened(hand_in, reviewer):
    they = client_for(reviewer)
    url = f"{api(hand_in)}/comments/"
    first = they.post(url, {"body": "Why **2**?", "file_path": "train.py", "line": 5}).json()
    assert (first["file_path"], first["line"]) == ("train.py", 5)
    assert "<strong>2</strong>" in first["body_html"]
    reply = they.post(url, {"body": "Calibrated?", "parent": first["id"]}, format="json").json()
    assert reply["parent"] == first["id"] and reply["line"] == 5

    comment_url = f"/api/assignments/{hand_in.assignment_id}/comments/{first['id']}"
    assert they.post(f"{comment_url}/resolve/", {}).json()["resolved"] is True
    reopened = they.post(f"{comment_url}/resolve/", {"resolved": False}, format="json").json()
    assert reopened["resolved"] is False
    assert they.patch(f"{comment_url}/", {"body": "Why 2?"}, format="json").status_code == 200
    assert [c["id"] for c in they.get(url).json()] == [first["id"], reply["id"]]


def test_a_comment_must_sit_on_a_line_of_a_file_of_the_archive(hand_in, reviewer):
    they = client_for(reviewer)
    url = f"{api(hand_in)}/comments/"
    past_the_end = they.post(url, {"body": "x", "file_path": "train.py", "line": 6})
    assert past_the_end.status_code == 400 and "5 lines" in past_the_end.content.decode()
    assert they.post(url, {"body": "x", "file_path": "nope.py", "line": 1}).status_code == 400


def test_the_candidate_sees_the_comments_after_release_and_may_then_answer(
    hand_in, reviewer, candidate
):
    url = f"{api(hand_in)}/comments/"
    comment = (
        client_for(reviewer)
        .post(url, {"body": "Why 2?", "file_path": "train.py", "line": 5})
        .json()
    )
    me = client_for(candidate)
    assert me.get(url).json() == []
    assert me.post(url, {"body": "early"}).status_code == 403
    code = me.get(f"{page(hand_in)}/code/?path=train.py").content.decode()
    assert "Why 2?" not in code and 'id="line-comment-form"' not in code

    services.release(assignment=hand_in.assignment, user=reviewer)
    assert [c["body"] for c in me.get(url).json()] == ["Why 2?"]
    code = me.get(f"{page(hand_in)}/code/?path=train.py").content.decode()
    assert "Why 2?" in code and f'id="comment-{comment["id"]}"' in code
    answer = me.post(url, {"body": "It doubles.", "parent": comment["id"]}, format="json")
    assert answer.status_code == 201 and answer.json()["author"] == "carl"


def test_a_candidate_may_not_read_or_comment_on_someone_elses_hand_in(hand_in, reviewer, takehome):
    comment = (
        client_for(reviewer)
        .post(f"{api(hand_in)}/comments/", {"body": "Why 2?", "file_path": "train.py", "line": 5})
        .json()
    )
    services.release(assignment=hand_in.assignment, user=reviewer)
    stranger = UserFactory(username="sara")
    # sara has a take-home of her own from the same reviewer: that opens none of carl's
    services.create_assignment(reviewer=reviewer, takehome=takehome, candidate=stranger)
    they = client_for(stranger)
    a = hand_in.assignment_id
    assert they.get(f"{api(hand_in)}/comments/").status_code == 404
    assert they.post(f"{api(hand_in)}/comments/", {"body": "hi"}).status_code == 404
    assert they.get(f"{api(hand_in)}/files/train.py").status_code == 404
    assert they.post(f"/api/assignments/{a}/comments/{comment['id']}/resolve/").status_code == 404
    assert they.get(f"{page(hand_in)}/code/?path=train.py").status_code == 404
    assert they.post(f"{page(hand_in)}/comment/", {"body": "hi"}).status_code == 404
    resolve_page = f"/takehomes/assignments/{a}/comments/{comment['id']}/resolve/"
    assert they.post(resolve_page).status_code == 404
    assert list(Comment.objects.values_list("body", "resolved")) == [("Why 2?", False)]


def test_a_comment_is_reached_only_through_its_own_assignment(hand_in, reviewer, takehome):
    comment = client_for(reviewer).post(f"{api(hand_in)}/comments/", {"body": "x"}).json()
    other = services.create_assignment(
        reviewer=reviewer, takehome=takehome, candidate=UserFactory(username="sara")
    )
    response = client_for(reviewer).post(
        f"/api/assignments/{other.pk}/comments/{comment['id']}/resolve/"
    )
    assert response.status_code == 404


def test_the_pages_comment_on_a_line_and_count_it_on_the_hand_in(hand_in, reviewer):
    they = client_for(reviewer)
    detail = they.get(f"{page(hand_in)}/").content.decode()
    assert f'href="{page(hand_in)}/code/?path=train.py"' in detail
    code = they.get(f"{page(hand_in)}/code/?path=train.py").content.decode()
    assert 'data-line="5"' in code
    assert f'action="{page(hand_in)}/comment/"' in code

    posted = they.post(
        f"{page(hand_in)}/comment/", {"body": "Why *2*?", "file_path": "train.py", "line": "5"}
    )
    assert posted.status_code == 302
    assert posted["Location"].startswith(f"{page(hand_in)}/code/?path=train.py#comment-")
    code = they.get(f"{page(hand_in)}/code/?path=train.py").content.decode()
    assert "<em>2</em>" in code
    detail = they.get(f"{page(hand_in)}/").content.decode()
    assert "1 comment<" in detail

    too_far = they.post(
        f"{page(hand_in)}/comment/", {"body": "x", "file_path": "train.py", "line": "9"}
    )
    assert too_far.status_code == 302 and "error=" in too_far["Location"]


def test_a_general_comment_from_the_page_goes_back_to_the_hand_in(hand_in, reviewer):
    posted = client_for(reviewer).post(f"{page(hand_in)}/comment/", {"body": "Clean code."})
    assert posted.status_code == 302 and posted["Location"].startswith(f"{page(hand_in)}/#comment-")
    detail = client_for(reviewer).get(f"{page(hand_in)}/").content.decode()
    assert "Clean code." in detail


def test_a_model_hand_in_alone_is_enough_to_release_and_the_candidate_is_led_to_it(
    assignment, reviewer, candidate
):
    hand_in = make_hand_in(assignment, "model")
    assignment.takehome.wants_model = True
    assignment.takehome.save(update_fields=["wants_model"])
    released = client_for(reviewer).post(f"/api/assignments/{assignment.pk}/release/")
    assert released.status_code == 200
    overview = client_for(candidate).get(f"/takehomes/assignments/{assignment.pk}/")
    assert f'href="{page(hand_in)}/" id="your-code-comments"' in overview.content.decode()
