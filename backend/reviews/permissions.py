"""Who may read and write the review of a target: each app that owns reviewable objects
registers a policy for its model (takehomes registers HandIn and Assignment; interviews can
register Interview the same way). Nothing registered means nobody may do anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

Check = Callable[[Any, Any], bool]  # (user, target) -> allowed


@dataclass(frozen=True)
class Policy:
    can_view: Check  # read the comments and scores
    can_comment: Check  # write comments, reply, resolve; score the rubric


_policies: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], *, can_view: Check, can_comment: Check) -> None:
    _policies[model] = Policy(can_view=can_view, can_comment=can_comment)


def _policy(target: Any) -> Policy | None:
    for model in type(target).__mro__:
        if model in _policies:
            return _policies[model]
    return None


def can_view(user: Any, target: Any) -> bool:
    policy = _policy(target)
    return bool(policy and user.is_authenticated and policy.can_view(user, target))


def can_comment(user: Any, target: Any) -> bool:
    policy = _policy(target)
    return bool(policy and user.is_authenticated and policy.can_comment(user, target))
