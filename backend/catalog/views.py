import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from backend.catalog import selectors, study_paths
from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems, category_counts, problem_status_for

FILTER_KEYS = ("q", "category", "difficulty", "tag", "status", "sort")


def _filters(request: HttpRequest) -> dict[str, str]:
    filters = {key: request.GET.get(key, "").strip() for key in FILTER_KEYS}
    # A difficulty or category the selects do not offer (a stale or hand-edited link) is dropped:
    # kept, it emptied the list while its select still read "all".
    if filters["difficulty"] not in Problem.Difficulty.values:
        filters["difficulty"] = ""
    if filters["category"] and not active_problems().filter(category=filters["category"]).exists():
        filters["category"] = ""
    return filters


def problem_list(request: HttpRequest) -> HttpResponse:
    problems = active_problems()
    filters = _filters(request)
    all_tags = sorted({tag for problem in problems for tag in problem.tags})
    status = problem_status_for(request.user)
    shown = selectors.listing(problems, filters, status)
    rows = [{"problem": problem, "status": status.get(problem.id, "")} for problem in shown]
    _, loop_solved, loop_total = study_paths.path_progress(
        study_paths.SENIOR_CV_LOOP, request.user
    )
    return render(
        request,
        "catalog/problem_list.html",
        {
            "rows": rows,
            "categories": category_counts(),
            "difficulties": [choice for choice, _ in Problem.Difficulty.choices],
            "tags": all_tags,
            "filters": filters,
            "filtered": any(filters[key] for key in FILTER_KEYS if key != "sort"),
            "query": request.GET.urlencode(),
            "statuses": selectors.STATUSES,
            "sorts": [("", "catalog order"), ("difficulty", "easiest first"),
                      ("-difficulty", "hardest first"), ("status", "in progress first")],
            "solved_count": sum(1 for value in status.values() if value == "solved"),
            "attempted_count": sum(1 for value in status.values() if value == "attempted"),
            "total": problems.count(),
            "study_path": study_paths.SENIOR_CV_LOOP,
            "study_path_solved": loop_solved,
            "study_path_total": loop_total,
            "random_empty": request.GET.get("random") == "none",
        },
    )


def random_unsolved(request: HttpRequest) -> HttpResponse:
    """A problem picked at random among the unsolved ones the list's filters show."""
    filters = _filters(request)
    status = problem_status_for(request.user)
    candidates = [
        problem
        for problem in selectors.listing(active_problems(), filters, status)
        if status.get(problem.id) != "solved"
    ]
    if not candidates:
        query = request.GET.copy()
        query["random"] = "none"
        return redirect(f"{reverse('problem-list')}?{query.urlencode()}")
    return redirect("problem-detail", slug=secrets.choice(candidates).slug)


def study_path(request: HttpRequest, slug: str) -> HttpResponse:
    path = study_paths.PATHS.get(slug)
    if path is None:
        raise Http404("no such study path")
    stages, solved, total = study_paths.path_progress(path, request.user)
    return render(
        request,
        "catalog/study_path.html",
        {
            "path": path,
            "stages": stages,
            "solved": solved,
            "total": total,
            "next": study_paths.next_problem(stages),
        },
    )
