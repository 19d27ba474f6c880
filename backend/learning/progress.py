"""The progress page: solved problems by category and difficulty, the streak, recent
submissions, and the strength of each concept. It sits here, above submissions, because it
shows what learning makes of them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backend.learning import clock
from backend.learning import selectors as learning
from backend.submissions import selectors


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "submissions/progress.html",
        {
            "progress": selectors.progress(request.user),
            "recent": selectors.history(request.user)[:15],
            "strengths": learning.strengths(request.user, clock.now()),
        },
    )
