"""Reviewer pages: the most similar pairs of a take-home's hand-ins or of one problem's
interview submits, and one pair side by side. Nobody without access sees them (a 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from backend.catalog.models import Problem
from backend.lib.users import signed_in
from backend.similarity import comparisons, sources
from backend.takehomes import access
from backend.takehomes.models import Assignment, TakeHome


def _takehome_entries(request: HttpRequest, slug: str) -> tuple[TakeHome, list[sources.Entry]]:
    if not access.is_reviewer(request.user):
        raise Http404
    takehome = get_object_or_404(TakeHome, slug=slug)
    # Staff compare every hand-in; a reviewer, those of the assignments they review.
    assignments = Assignment.objects.select_related("candidate")
    if not request.user.is_staff:
        assignments = assignments.filter(
            id__in=access.visible_assignments(signed_in(request))
            .exclude(candidate=signed_in(request))
            .values("id")
        )
    return takehome, sources.takehome_entries(takehome, assignments)


def _problem_entries(request: HttpRequest, slug: str) -> tuple[Problem, list[sources.Entry]]:
    problem = get_object_or_404(Problem, slug=slug, kind=Problem.Kind.CODING)
    entries = sources.interview_entries(problem, request.user)
    if not request.user.is_staff and not entries:
        raise Http404
    return problem, entries


@login_required
def takehome_pairs(request: HttpRequest, slug: str) -> HttpResponse:
    takehome, entries = _takehome_entries(request, slug)
    return render(
        request,
        "similarity/pairs.html",
        {
            "title": takehome.title,
            "what": "hand-ins",
            "entries": entries,
            "pairs": comparisons.ranked(entries, starters=[]),
            "pair_url": "similarity-takehome-pair",
            "slug": slug,
            "starter_note": "Fragments in most hand-ins are left out as common code.",
        },
    )


@login_required
def takehome_pair(request: HttpRequest, slug: str, a: int, b: int) -> HttpResponse:
    takehome, entries = _takehome_entries(request, slug)
    view = comparisons.one_pair(entries, [], a, b)
    if view is None:
        raise Http404
    return render(
        request,
        "similarity/pair.html",
        {"title": takehome.title, "view": view, "back": "similarity-takehome", "slug": slug},
    )


@login_required
def problem_pairs(request: HttpRequest, slug: str) -> HttpResponse:
    problem, entries = _problem_entries(request, slug)
    return render(
        request,
        "similarity/pairs.html",
        {
            "title": problem.title,
            "what": "interview submissions",
            "entries": entries,
            "pairs": comparisons.ranked(entries, starters=[problem.starter]),
            "pair_url": "similarity-problem-pair",
            "slug": slug,
            "starter_note": "The problem's starter code is left out.",
        },
    )


@login_required
def problem_pair(request: HttpRequest, slug: str, a: int, b: int) -> HttpResponse:
    problem, entries = _problem_entries(request, slug)
    view = comparisons.one_pair(entries, [problem.starter], a, b)
    if view is None:
        raise Http404
    return render(
        request,
        "similarity/pair.html",
        {"title": problem.title, "view": view, "back": "similarity-problem", "slug": slug},
    )
