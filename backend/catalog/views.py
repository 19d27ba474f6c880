import json
import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from backend.catalog import selectors, study_paths
from backend.catalog.models import Problem
from backend.catalog.rendering import render_markdown
from backend.catalog.selectors import active_problems, category_counts, problem_status_for
from backend.submissions import selectors as submission_selectors
from backend.submissions.grading import display_tolerance
from backend.submissions.models import Submission

FILTER_KEYS = ("q", "category", "difficulty", "tag", "status", "sort")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "").strip() for key in FILTER_KEYS}


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


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem: Problem = get_object_or_404(active_problems(), slug=slug)
    for sample in problem.samples:
        sample["input_json"] = json.dumps(sample["input"])
        sample["expected_json"] = json.dumps(sample["expected"])
    history: list[Submission] = []
    custom_runs: list[Submission] = []
    if request.user.is_authenticated:
        history = list(submission_selectors.history(request.user, problem)[:10])
        custom_runs = list(submission_selectors.custom_runs(request.user, problem)[:5])
    interview_id = None
    interview = None
    round_items = None
    if request.user.is_authenticated and request.GET.get("interview", "").isdigit():
        from backend.interviews import selectors as interview_selectors
        from backend.interviews.models import Interview

        interview = Interview.objects.filter(
            pk=int(request.GET["interview"]), candidate=request.user
        ).first()
        interview_id = interview.pk if interview is not None else None
        if interview is not None and interview.status == Interview.Status.ACTIVE:
            round_items = interview_selectors.round_items(interview, problem)
    config = {
        "interview": interview_id,
        "problem": problem.slug,
        "limits": {"time": problem.time_limit, "memory": problem.memory_limit_mb},
        "signedIn": request.user.is_authenticated,
        "tolerance": display_tolerance(problem),
    }
    return render(
        request,
        "catalog/problem_detail.html",
        {
            "problem": problem,
            "statement_html": render_markdown(problem.statement),
            "history": history,
            "custom_runs": custom_runs,
            "round": round_items,
            "interview": interview if round_items else None,
            "font_sizes": range(11, 22),
            "page_config": config,
            "custom_example": custom_input_example(problem),
        },
    )


def custom_input_example(problem: Problem) -> str:
    """The first sample's arguments as editable JSON, when they are small enough to type."""
    if not problem.samples:
        return ""
    args = {}
    for name, value in problem.samples[0]["input"].items():
        if isinstance(value, dict) and "array" in value:
            if "data" not in value["array"]:
                return ""
            value = value["array"]["data"]
        args[name] = value
    text = json.dumps(args)
    return text if len(text) <= 2000 else ""
