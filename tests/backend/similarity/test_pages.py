"""Reviewers see the most similar pairs of hand-ins, fragments marked, identical predictions
flagged; nobody else sees them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.interviews.models import Interview, InterviewTemplate
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory
from tests.backend.similarity.conftest import hand_in
from tests.backend.similarity.samples import DISGUISED_COPY, INDEPENDENT, ORIGINAL, STARTER

pytestmark = pytest.mark.django_db

NOTEBOOK = (
    '{"cells": [{"cell_type": "markdown", "source": ["# notes"]},'
    ' {"cell_type": "code", "source": ["import numpy as np\\n", "print(np.pi)\\n"]}]}'
)


@pytest.fixture
def hand_ins(takehome, reviewer):
    return {
        "original": hand_in(
            takehome, reviewer, "ann", {"src/nms.py": ORIGINAL, "README.md": "mine"}, b"[1, 2]"
        ),
        "copy": hand_in(
            takehome, reviewer, "bob", {"detector/suppress.py": DISGUISED_COPY}, b"[3, 4]"
        ),
        "independent": hand_in(
            takehome,
            reviewer,
            "cyd",
            {"nms.py": INDEPENDENT, "explore.ipynb": NOTEBOOK},
            b"[1, 2]",  # the same predictions file as ann's
        ),
    }


def test_reviewer_sees_the_copied_pair_first_and_identical_predictions_flagged(
    client, reviewer, hand_ins
):
    client.force_login(reviewer)
    response = client.get(reverse("similarity-takehome", args=["th_boxes"]))
    assert response.status_code == 200
    pairs = response.context["pairs"]
    flagged = [p for p in pairs if p.identical_predictions]
    assert [{p.first.label.split()[0], p.second.label.split()[0]} for p in flagged] == [
        {"ann", "cyd"}
    ]
    by_people = {frozenset((p.first.label.split()[0], p.second.label.split()[0])): p for p in pairs}
    assert by_people[frozenset(("ann", "bob"))].similarity > 0.8
    assert by_people[frozenset(("ann", "cyd"))].similarity < 0.25
    page = response.content.decode()
    assert "identical predictions file" in page and "3 hand-ins compared" in page


def test_pair_page_marks_the_shared_fragments(client, reviewer, hand_ins):
    client.force_login(reviewer)
    a, b = hand_ins["original"].id, hand_ins["copy"].id
    page = client.get(reverse("similarity-takehome-pair", args=["th_boxes", a, b])).content.decode()
    assert "100&#8239;% similar" in page
    assert page.count("<mark>") >= 2  # one fragment on each side
    assert "# ---- src/nms.py ----" in page and "# ---- detector/suppress.py ----" in page
    assert "README" not in page  # only code is compared


def test_candidates_and_other_reviewers_see_nothing(client, reviewer, hand_ins):
    candidate = hand_ins["copy"].assignment.candidate
    client.force_login(candidate)
    assert client.get(reverse("similarity-takehome", args=["th_boxes"])).status_code == 404
    other = UserFactory(username="otto")
    other.groups.add(*reviewer.groups.all())
    client.force_login(other)
    response = client.get(reverse("similarity-takehome", args=["th_boxes"]))
    assert response.status_code == 200 and response.context["entries"] == []
    a, b = hand_ins["original"].id, hand_ins["copy"].id
    assert (
        client.get(reverse("similarity-takehome-pair", args=["th_boxes", a, b])).status_code == 404
    )


def _interview(user, problem, code, status="finished"):
    template, _ = InterviewTemplate.objects.get_or_create(name="Coding", duration_minutes=45)
    interview = Interview.objects.create(
        candidate=user,
        template=template,
        status=status,
        deadline=timezone.now() - timedelta(minutes=1),
    )
    SubmissionFactory(owner=user, problem=problem, code=code, interview=interview)
    return interview


def test_staff_compare_one_problems_interview_submits_without_the_starter(client):
    problem = ProblemFactory(slug="nms", title="NMS", starter=STARTER)
    ann, bob, cyd = (UserFactory(username=name) for name in ("ann", "bob", "cyd"))
    _interview(ann, problem, ORIGINAL)
    _interview(ann, problem, ORIGINAL)  # ann twice: never paired with herself
    _interview(bob, problem, DISGUISED_COPY)
    _interview(cyd, problem, INDEPENDENT)
    _interview(cyd, problem, DISGUISED_COPY, status="active")  # still running: left out
    client.force_login(UserFactory(username="staff", is_staff=True))
    response = client.get(reverse("similarity-problem", args=["nms"]))
    pairs = response.context["pairs"]
    people = [{p.first.label.split()[0], p.second.label.split()[0]} for p in pairs]
    assert len(response.context["entries"]) == 4
    assert people[0] == {"ann", "bob"} and {"ann"} not in people
    assert people.count({"ann", "bob"}) == 2 and pairs[0].similarity > 0.8
    assert all(p.similarity < 0.25 for p in pairs if "cyd" in p.first.label + p.second.label)


def test_interview_similarity_is_for_staff_and_the_interviews_reviewers(client):
    problem = ProblemFactory(slug="nms", title="NMS", starter=STARTER)
    first = _interview(UserFactory(), problem, ORIGINAL)
    _interview(UserFactory(), problem, DISGUISED_COPY)
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("similarity-problem", args=["nms"])).status_code == 404
    first.reviewers.add(outsider)
    response = client.get(reverse("similarity-problem", args=["nms"]))
    assert response.status_code == 200 and len(response.context["entries"]) == 1
