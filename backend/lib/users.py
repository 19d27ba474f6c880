"""The signed-in user of a request, typed as one (views behind login_required or
IsAuthenticated): a lookup by owner must never receive AnonymousUser."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed


def signed_in(request: Any) -> User:
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied("sign in first")
    assert isinstance(user, User)  # the project's user model is Django's own
    return user


def authenticate_token(request: Any) -> JsonResponse | None:
    """An ``Authorization: Token <key>`` header on a plain Django view (a job's status and
    events, its PNGs), as the API reads it: the key's user becomes ``request.user``. A bad key
    is a 401 with ``WWW-Authenticate: Token`` (the caller returns it); no header, None."""
    try:
        found = TokenAuthentication().authenticate(request)
    except AuthenticationFailed as error:
        response = JsonResponse({"detail": str(error.detail), "code": "bad_token"}, status=401)
        response["WWW-Authenticate"] = "Token"
        return response
    if found is not None:
        request.user = found[0]
    return None
