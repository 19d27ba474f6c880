import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_the_reviewer_reviews(capsys):
    call_command("ensure_demo_user")
    call_command("ensure_demo_user")  # idempotent
    demo = authenticate(username="demo", password="demo-pass-123")
    reviewer = authenticate(username="reviewer", password="reviewer-pass-123")
    assert demo is not None and reviewer is not None
    assert reviewer.groups.filter(name="reviewers").exists()
    assert not demo.groups.exists()
    from backend.accounts.roles import is_reviewer

    assert is_reviewer(reviewer) and not is_reviewer(demo)
