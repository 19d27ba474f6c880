"""The signed-in user of a request, typed as one (views behind login_required or
IsAuthenticated): a lookup by owner must never receive AnonymousUser."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied


def signed_in(request: Any) -> User:
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("sign in first")
    assert isinstance(user, User)  # the project's user model is Django's own
    return user
