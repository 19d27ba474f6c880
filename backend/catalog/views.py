import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from backend.catalog import selectors
from backend.catalog.models import Problem
from backend.catalog.rendering import render_markdown
from backend.catalog.selectors import active_problems, category_counts, problem_status_for


def problem_list(request: HttpRequest) -> HttpResponse:
    problems = active_problems()
    filters = {
        key: request.GET.get(key, "").strip() for key in ("q", "category", "difficulty", "tag")
    }
    all_tags = sorted({tag for problem in problems for tag in problem.tags})
    if filters["q"]:
        problems = selectors.search(problems, filters["q"])
    if filters["category"]:
        problems = problems.filter(category=filters["category"])
    if filters["difficulty"]:
        problems = problems.filter(difficulty=filters["difficulty"])
    shown = [p for p in problems if not filters["tag"] or filters["tag"] in p.tags]
    status = problem_status_for(request.user)
    rows = [{"problem": problem, "status": status.get(problem.id, "")} for problem in shown]
    return render(
        request,
        "catalog/problem_list.html",
        {
            "rows": rows,
            "categories": category_counts(),
            "difficulties": [choice for choice, _ in Problem.Difficulty.choices],
            "tags": all_tags,
            "filters": filters,
            "solved_count": sum(1 for value in status.values() if value == "solved"),
            "total": active_problems().count(),
        },
    )


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem: Problem = get_object_or_404(active_problems(), slug=slug)
    for sample in problem.samples:
        sample["input_json"] = json.dumps(sample["input"])
        sample["expected_json"] = json.dumps(sample["expected"])
    history = []
    if request.user.is_authenticated:
        from backend.submissions.selectors import history as submission_history

        history = list(submission_history(request.user, problem)[:10])
    interview_id = None
    if request.user.is_authenticated and request.GET.get("interview", "").isdigit():
        from backend.interviews.models import Interview

        interview = Interview.objects.filter(
            pk=int(request.GET["interview"]), candidate=request.user
        ).first()
        interview_id = interview.pk if interview is not None else None
    config = {
        "interview": interview_id,
        "problem": problem.slug,
        "limits": {"time": problem.time_limit, "memory": problem.memory_limit_mb},
        "signedIn": request.user.is_authenticated,
    }
    return render(
        request,
        "catalog/problem_detail.html",
        {
            "problem": problem,
            "statement_html": render_markdown(problem.statement),
            "history": history,
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
