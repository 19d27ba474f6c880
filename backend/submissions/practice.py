"""The coding practice page: a problem's statement, its editor, and the candidate's history
of submissions on it (the catalog lists the problems; this page is where they are solved)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems
from backend.grading import sessions
from backend.lib.markdown import render_markdown
from backend.submissions import selectors
from backend.submissions.grading import display_tolerance
from backend.submissions.models import Submission


def problem_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem: Problem = get_object_or_404(active_problems(), slug=slug)
    for sample in problem.samples:
        sample["input_json"] = json.dumps(sample["input"])
        sample["expected_json"] = json.dumps(sample["expected"])
    history: list[Submission] = []
    custom_runs: list[Submission] = []
    if request.user.is_authenticated:
        history = list(selectors.history(request.user, problem)[:10])
        custom_runs = list(selectors.custom_runs(request.user, problem)[:5])
    round_items = None
    interview = sessions.session_of_request(request)
    interview_id = interview.pk if interview is not None else None
    if interview is not None:
        round_items = sessions.policy().round_for(session=interview, problem=problem)
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
    try:
        args = {name: _editable(value) for name, value in problem.samples[0]["input"].items()}
    except _TooBig:
        return ""
    text = json.dumps(args)
    return text if len(text) <= 2000 else ""


class _TooBig(Exception):
    """A sample array shown without its data (too large to show): no example then."""


def _editable(value: Any) -> Any:
    """A preview as the candidate would type it: an array as its nested lists, a tuple (such as
    box_coder's four weights) as a list."""
    if isinstance(value, dict) and "array" in value:
        if "data" not in value["array"]:
            raise _TooBig
        return value["array"]["data"]
    if isinstance(value, dict) and set(value) == {"tuple"} and isinstance(value["tuple"], list):
        return [_editable(item) for item in value["tuple"]]
    return value
