"""The grading task feeds the schedule: a stored grade reaches its owner's concept cards."""

from io import StringIO

import pytest
from django.core.management import call_command
from fsrs import Rating

from backend.catalog.models import Problem
from backend.learning.models import ConceptCard
from backend.submissions.tasks import grade_submission
from tests.backend.factories import SubmissionFactory
from tests.graders.conftest import require_sandbox

pytestmark = pytest.mark.django_db


def test_a_graded_submit_reviews_its_problems_tags(problems_root):
    require_sandbox()
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    add_one = Problem.objects.get(slug="add_one")
    submission = SubmissionFactory(problem=add_one, code="def add_one(x):\n    return x\n")
    grade_submission(submission.id)
    card = ConceptCard.objects.get(owner=submission.owner)
    assert (card.concept, card.last_rating) == ("toy", Rating.Again)
    grade_submission(submission.id)  # a duplicate delivery: no second review
    assert ConceptCard.objects.get(owner=submission.owner).review_count == 1
