from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from backend.learning import clock, selectors


def review_count(request: HttpRequest) -> dict[str, Any]:
    """The navigation's "Review (n)": counted only when a page shows it."""
    return {
        "review_due_count": SimpleLazyObject(lambda: selectors.due_count(request.user, clock.now()))
    }
