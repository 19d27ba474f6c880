"""The comment model is not tied to take-homes: any model whose app registers a policy can be
commented on and scored (the mock-interview report will register Interview this way)."""

import pytest
from django.contrib.auth.models import Group

from backend.reviews import permissions, services
from tests.backend.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_on_groups():
    """Comments on a Group: anyone may read, only staff may write (a stand-in target model)."""
    permissions.register(
        Group, can_view=lambda user, target: True, can_comment=lambda user, target: user.is_staff
    )
    yield
    permissions._policies.pop(Group)


def test_comments_attach_to_any_registered_model(policy_on_groups):
    staff = UserFactory(is_staff=True)
    target = Group.objects.create(name="anything")
    first = services.add_comment(
        target=target, author=staff, body="A *point*", file_path="a.py", line=3
    )
    reply = services.add_comment(target=target, author=staff, body="More", parent=first)
    general = services.add_comment(target=target, author=staff, body="Overall")
    assert list(services.comments_for(target)) == [first, reply, general]
    assert reply.thread == first.thread and first.thread.target == target
    assert first.body_html == "<p>A <em>point</em></p>"
    services.resolve(comment=first, user=staff)
    first.refresh_from_db()
    assert first.resolved and first.resolved_by == staff and first.resolved_at
    services.resolve(comment=first, user=staff, resolved=False)
    first.refresh_from_db()
    assert not first.resolved and first.resolved_by is None
    services.set_score(target=target, author=staff, item_id="clarity", points=3, max_points=5)
    services.set_score(target=target, author=staff, item_id="clarity", points=4, max_points=5)
    assert services.scores_for(target) == {"clarity": 4}


def test_the_policy_decides_who_writes(policy_on_groups):
    target = Group.objects.create(name="anything")
    with pytest.raises(services.ReviewForbidden):
        services.add_comment(target=target, author=UserFactory(), body="hi")
    with pytest.raises(services.ReviewError):
        services.set_score(
            target=target, author=UserFactory(is_staff=True), item_id="x", points=9, max_points=5
        )


def test_an_unregistered_model_cannot_be_commented_on():
    target = UserFactory()
    assert not permissions.can_view(target, target)
    with pytest.raises(services.ReviewForbidden):
        services.add_comment(target=target, author=target, body="hi")


def test_a_reply_must_belong_to_the_same_target(policy_on_groups):
    staff = UserFactory(is_staff=True)
    one, two = Group.objects.create(name="one"), Group.objects.create(name="two")
    parent = services.add_comment(target=one, author=staff, body="x")
    with pytest.raises(services.ReviewError):
        services.add_comment(target=two, author=staff, body="y", parent=parent)
