"""Who a user is to the site: a candidate (everyone signed in), a reviewer (staff, or a member
of the "reviewers" group: may assign take-homes and review them), staff."""

from __future__ import annotations

from typing import Any

REVIEWERS_GROUP = "reviewers"


def is_reviewer(user: Any) -> bool:
    """May assign take-homes (and so review the assignments they create)."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.groups.filter(name=REVIEWERS_GROUP).exists())
