"""The "Review today" page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.learning import clock, selectors


@login_required
def review_today(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    strengths = selectors.strengths(request.user, now)
    tomorrow = selectors.end_of_today(now)
    upcoming = sorted((row for row in strengths if row.due >= tomorrow), key=lambda row: row.due)
    return render(
        request,
        "learning/review.html",
        {
            "now": now,
            "reviews": selectors.review_today(request.user, now),
            "strengths": strengths,
            "upcoming": upcoming[:8],
        },
    )
