"""Who sees what: candidates only their own work and only released feedback; reviewers only
the assignments they own or co-review; hidden labels and others' work never reach a candidate."""

import io
import zipfile

import pytest

from backend.reviews import services as reviews
from backend.takehomes import services, tasks
from backend.takehomes.models import HandIn
from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import (
    client_for,
    make_reviewer,
    post_hand_in,
    predictions_csv,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(assignment, candidate, package, sent) -> HandIn:
    response = post_hand_in(
        candidate, assignment, package, predictions=predictions_csv(package, right=True)
    )
    tasks.grade_hand_in(response.json()["id"])
    return HandIn.objects.get(id=response.json()["id"])


def urls(assignment, hand_in) -> list[str]:
    a, h = assignment.pk, hand_in.pk
    plot = hand_in.artifacts.first().name
    return [
        f"/api/assignments/{a}/",
        f"/api/assignments/{a}/dataset/",
        f"/api/assignments/{a}/hand-ins/",
        f"/api/assignments/{a}/hand-ins/{h}/",
        f"/api/assignments/{a}/hand-ins/{h}/plots/{plot}.png",
        f"/api/assignments/{a}/hand-ins/{h}/files/",
        f"/api/assignments/{a}/hand-ins/{h}/files/train.py",
        f"/api/assignments/{a}/hand-ins/{h}/comments/",
        f"/api/assignments/{a}/review/",
        f"/takehomes/assignments/{a}/",
        f"/takehomes/assignments/{a}/hand-ins/{h}/",
        f"/takehomes/assignments/{a}/hand-ins/{h}/code/?path=train.py",
    ]


def test_another_candidate_gets_404_everywhere(graded, assignment, takehome, reviewer):
    other = UserFactory(username="olga")
    services.create_assignment(reviewer=reviewer, takehome=takehome, candidate=other)
    api = client_for(other)
    for url in urls(assignment, graded):
        response = api.get(url)
        assert response.status_code == 404, url
    listed = [a["id"] for a in api.get("/api/assignments/").json()["results"]]
    assert assignment.pk not in listed and len(listed) == 1


def test_a_reviewer_not_on_the_assignment_gets_404(graded, assignment):
    stranger = make_reviewer("sam")
    api = client_for(stranger)
    for url in urls(assignment, graded):
        assert api.get(url).status_code == 404, url
    assert api.get("/api/assignments/").json()["results"] == []


def test_a_co_reviewer_sees_and_comments(graded, assignment, reviewer):
    colleague = make_reviewer("cora")
    services.add_co_reviewer(assignment=assignment, by=reviewer, username="cora")
    api = client_for(colleague)
    for url in urls(assignment, graded):
        assert api.get(url).status_code == 200, url
    response = api.post(
        f"/api/assignments/{assignment.pk}/hand-ins/{graded.pk}/comments/",
        {"body": "Nice", "file_path": "train.py", "line": 2},
        format="json",
    )
    assert response.status_code == 201


def test_anonymous_gets_nothing(graded, assignment):
    from rest_framework.test import APIClient

    for url in urls(assignment, graded):
        assert APIClient().get(url).status_code in (302, 401, 403), url


def test_only_reviewers_assign(takehome, candidate):
    response = client_for(candidate).post(
        "/api/assignments/", {"takehome": takehome.slug, "candidate": "carl"}, format="json"
    )
    assert response.status_code == 403


def test_reviewer_assigns_with_default_deadline_and_co_reviewers(takehome, reviewer, candidate):
    make_reviewer("cora")
    response = client_for(reviewer).post(
        "/api/assignments/",
        {"takehome": takehome.slug, "candidate": "carl", "co_reviewers": ["cora"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["co_reviewers"] == ["cora"] and body["role"] == "reviewer"
    assert client_for(candidate).get(f"/api/assignments/{body['id']}/").json()["role"] == (
        "candidate"
    )


def test_candidate_sees_nothing_of_the_review_until_release(
    graded, assignment, reviewer, candidate
):
    reviews.add_comment(target=graded, author=reviewer, body="Seed?", file_path="train.py", line=4)
    services.score_rubric(assignment=assignment, user=reviewer, scores={"metric": 30})
    services.write_summary(assignment=assignment, user=reviewer, summary="Solid.", decision="yes")
    api = client_for(candidate)
    base = f"/api/assignments/{assignment.pk}"
    assert api.get(f"{base}/hand-ins/{graded.pk}/comments/").json() == []
    assert api.get(f"{base}/review/").status_code == 403
    page = api.get(
        f"/takehomes/assignments/{assignment.pk}/hand-ins/{graded.pk}/code/?path=train.py"
    )
    assert b"Seed?" not in page.content
    assert b"Solid." not in api.get(f"/takehomes/assignments/{assignment.pk}/").content

    services.release(assignment=assignment, user=reviewer)
    comments = api.get(f"{base}/hand-ins/{graded.pk}/comments/").json()
    assert [c["body"] for c in comments] == ["Seed?"]
    review = api.get(f"{base}/review/").json()
    assert review["summary"] == "Solid." and "decision" not in review
    assert all("guidance" not in item for item in review["rubric"])
    assert next(i for i in review["rubric"] if i["id"] == "metric")["score"] == 30


def test_candidate_cannot_write_the_review(graded, assignment, candidate):
    api = client_for(candidate)
    base = f"/api/assignments/{assignment.pk}"
    assert api.put(f"{base}/review/", {"summary": "great"}, format="json").status_code == 403
    assert api.post(f"{base}/release/").status_code == 403
    response = api.post(f"{base}/hand-ins/{graded.pk}/comments/", {"body": "me"}, format="json")
    assert response.status_code == 403


def test_after_release_the_candidate_answers_the_review(graded, assignment, candidate,
                                                        reviewer):
    from backend.reviews.services import add_comment, comments_for
    from backend.takehomes import services

    question = add_comment(target=graded, author=reviewer, body="Why this anchor size?",
                           file_path="train.py", line=1)
    api = client_for(candidate)
    url = f"/api/assignments/{assignment.pk}/hand-ins/{graded.pk}/comments/"
    answer = {"body": "Objects are 8-40 px.", "parent": question.pk}
    assert api.post(url, answer, format="json").status_code == 403  # not before release
    services.release(assignment=assignment, user=reviewer)
    response = api.post(url, answer, format="json")
    assert response.status_code == 201, response.content
    reply = comments_for(graded).get(pk=response.json()["id"])
    assert reply.parent_id == question.pk and reply.thread_id == question.thread_id
    resolve = f"/api/assignments/{assignment.pk}/comments/{question.pk}/resolve/"
    assert api.post(resolve, {"resolved": True}, format="json").status_code == 200
    # Still only the reviewer's review to read: the candidate cannot change it.
    base = f"/api/assignments/{assignment.pk}"
    assert api.put(f"{base}/review/", {"summary": "great"}, format="json").status_code == 403


def test_hidden_labels_never_appear_in_any_response(graded, assignment, candidate, package):
    from graders.takehome.dataset import test_labels

    truth = test_labels(package)
    label_rows = "\n".join(
        f"{image_id},{package.dataset.classes[scene.label]}"
        for image_id, scene in zip(truth.image_ids, truth.scenes, strict=True)
    )
    api = client_for(candidate)
    dataset = api.get(f"/api/assignments/{assignment.pk}/dataset/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(dataset.streaming_content)))
    test_files = [name for name in archive.namelist() if name.startswith("test/")]
    assert test_files and all(name.startswith("test/images/") for name in test_files)
    for url in [u for u in urls(assignment, graded) if not u.endswith(("dataset/", "review/"))]:
        response = api.get(url)
        assert response.status_code == 200, url
        # The candidate's own predictions file holds these rows; it is never served back.
        assert label_rows not in response.content.decode(errors="replace"), url


def test_leaderboard_visibility(graded, takehome, candidate, reviewer):
    url = f"/api/takehomes/{takehome.slug}/leaderboard/"
    rows = client_for(reviewer).get(url).json()
    assert rows[0]["username"] == "carl" and rows[0]["assignment_id"] is not None
    # The template shows it to candidates: names and numbers, no way into others' work.
    other = UserFactory(username="olga")
    services.create_assignment(reviewer=reviewer, takehome=takehome, candidate=other)
    rows = client_for(other).get(url).json()
    assert [row["username"] for row in rows] == ["carl"]
    assert rows[0]["assignment_id"] is None and rows[0]["is_you"] is False
    assert client_for(UserFactory(username="nobody")).get(url).status_code == 404
    takehome.leaderboard_visible_to_candidates = False
    takehome.save()
    assert client_for(other).get(url).status_code == 404
    assert client_for(reviewer).get(url).status_code == 200


def test_leaderboard_ranks_the_latest_graded_hand_in_per_assignment(
    graded, assignment, takehome, candidate, reviewer, package, sent
):
    # A later, worse hand-in replaces the first once graded.
    worse = post_hand_in(candidate, assignment, package).json()["id"]
    url = f"/api/takehomes/{takehome.slug}/leaderboard/"
    assert client_for(reviewer).get(url).json()[0]["primary_value"] == pytest.approx(1.0)
    tasks.grade_hand_in(worse)
    rows = client_for(reviewer).get(url).json()
    assert len(rows) == 1 and rows[0]["primary_value"] < 1.0


def test_co_reviewers_must_be_reviewers_and_only_reviewers_add_them(
    assignment, reviewer, candidate
):
    UserFactory(username="plain")
    make_reviewer("cora")
    url = f"/api/assignments/{assignment.pk}/co-reviewers/"
    assert client_for(candidate).post(url, {"username": "cora"}).status_code == 403
    assert client_for(reviewer).post(url, {"username": "plain"}).status_code == 400
    assert client_for(reviewer).post(url, {"username": "carl"}).status_code == 400
    response = client_for(reviewer).post(url, {"username": "cora"})
    assert response.status_code == 200 and response.json()["co_reviewers"] == ["cora"]
