from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from backend.catalog.models import Problem
from backend.catalog.rendering import render_markdown
from backend.catalog.selectors import active_problems, category_counts, problem_status_for


def problem_list(request: HttpRequest) -> HttpResponse:
    problems = active_problems()
    status = problem_status_for(request.user)
    rows = [{"problem": problem, "status": status.get(problem.id, "")} for problem in problems]
    return render(
        request,
        "catalog/problem_list.html",
        {"rows": rows, "categories": category_counts()},
    )


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem: Problem = get_object_or_404(active_problems(), slug=slug)
    return render(
        request,
        "catalog/problem_detail.html",
        {"problem": problem, "statement_html": render_markdown(problem.statement)},
    )
