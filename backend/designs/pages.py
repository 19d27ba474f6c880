"""Server-rendered design pages: the prompt with its spec form, and a submission's report."""

from __future__ import annotations

from typing import Any

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.catalog.models import Problem
from backend.designs import forms, services
from backend.designs.models import DesignDraft
from backend.designs.packages import package_for
from backend.designs.selectors import answer_for, answer_unlocked, design_prompts, my_designs
from backend.grading import admission, sessions
from backend.lib.errors import ApplicationError
from backend.lib.markdown import render_markdown
from graders.design import SpecError, load_yaml
from graders.jsonsafe import json_safe

REQUIREMENT_LABELS = {
    "streams": "Streams",
    "fps": "Frames per second per stream",
    "resolution": "Resolution",
    "latency": "End-to-end latency",
    "max_drop_rate": "Max dropped frames (fraction)",
    "min_accuracy": "Min accuracy",
    "max_cost_per_hour": "Max cost (USD/h)",
    "max_power_w": "Max power (W)",
    "min_precision": "Min precision",
    "min_recall": "Min recall",
    "min_processed_fps": "Min frames analysed per stream (fps)",
    "max_bandwidth_mbps": "Max ingress bandwidth (Mbit/s)",
}


def requirement_rows(requirements: dict[str, Any]) -> list[tuple[str, str]]:
    shown = dict(requirements)
    if "latency_budget_ms" in shown:
        shown["latency"] = (
            f"p{shown['latency_percentile']} \u2264 {shown['latency_budget_ms']:g} ms"
        )
    return [(label, f"{shown[key]:g}" if isinstance(shown[key], float) else str(shown[key]))
            for key, label in REQUIREMENT_LABELS.items() if key in shown]


def design_list(request: HttpRequest) -> HttpResponse:
    prompts = list(design_prompts().order_by("difficulty", "title"))
    best: dict[int, float] = {}
    if request.user.is_authenticated:
        for problem_id, score in my_designs(request.user).filter(
            score__isnull=False
        ).values_list("problem_id", "score"):
            best[problem_id] = max(best.get(problem_id, 0.0), score or 0.0)
    rows = [{"problem": p, "best": best.get(p.id)} for p in prompts]
    return render(request, "designs/list.html", {"rows": rows})


def _round(interview: Any, problem: Problem) -> list[dict[str, Any]] | None:
    """The interview bar's tabs while the round runs (the clock, the items, the hand-in)."""
    if interview is None:
        return None
    return sessions.policy().round_for(session=interview, problem=problem)


def _catalog_context(problem: Problem) -> dict[str, Any]:
    package = package_for(problem)
    catalog = package.catalog
    allowed = set(package.requirements.allowed_devices)
    devices = [d for d in catalog.devices.values() if not allowed or d.name in allowed]
    models = [m for m in catalog.models.values() if m.task == package.requirements.task
              and (not allowed or allowed & set(m.latency_ms))]
    return {
        "devices": devices,
        "stage_costs": {kind: {d: c for d, c in costs.items() if not allowed or d in allowed}
                        for kind, costs in catalog.stages.items()},
        "models": models,
        "kinds": ["decode", "preprocess", "inference", "postprocess", "tracker"],
    }


def design_detail(request: HttpRequest, slug: str) -> HttpResponse:
    problem = get_object_or_404(design_prompts(), slug=slug)
    interview = sessions.session_of_request(request, problem)
    errors: dict[str, Any] = {}
    draft = (DesignDraft.objects.filter(owner=request.user, problem=problem).first()
             if request.user.is_authenticated else None)
    write_up = draft.write_up if draft else ""
    spec_yaml = draft.spec_yaml if draft and draft.spec_yaml else problem.starter
    mode = "form"
    refused: admission.WorkRefused | None = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        write_up = request.POST.get("write_up", "")
        mode = "yaml" if request.POST.get("spec_mode") == "yaml" else "form"
        spec: Any = (request.POST.get("spec_yaml", "") if mode == "yaml"
                     else forms.spec_from_form(request.POST))
        spec_yaml = spec if mode == "yaml" else forms.spec_to_yaml(spec)
        try:
            too_fast = admission.throttle_page(request)
            if too_fast is not None:
                raise too_fast
            # One transaction: the hand-in and its draft are written together (on SQLite it
            # holds the write lock from the start, so the worker cannot slip in between), and
            # grading is enqueued only once both are committed.
            with transaction.atomic():
                submission = sessions.policy().submit(
                    user=request.user,
                    session_id=interview.pk if interview is not None else None,
                    problem=problem,
                    field=None,
                    create=lambda session: services.create_design_submission(
                        user=request.user, problem=problem, write_up=write_up, spec=spec,
                        interview=session,
                    ),
                )
                services.save_draft(user=request.user, problem=problem, write_up=write_up,
                                    spec_yaml=spec_yaml)
        except ApplicationError as error:
            errors = error.errors
            if isinstance(error, admission.WorkRefused):
                refused = error
        else:
            return redirect("design-submission", pk=submission.pk)
    try:
        parsed = load_yaml(spec_yaml)
    except SpecError:
        parsed, mode = None, "yaml"
    rows, sample_every = forms.rows_from_spec(parsed)
    spec_errors = errors.get("spec", {}) if isinstance(errors.get("spec"), dict) else {}
    row_errors, _ = forms.errors_by_row(spec_errors)
    for row in rows:
        row["errors"] = row_errors.get(row["index"], {})
    # Every error with its path, in both modes: YAML mode has no fields to show them at.
    error_list = [(k, v) for k, v in errors.items() if not (k == "spec" and spec_errors)]
    error_list += list(spec_errors.items())
    requirements = problem.details.get("requirements", {})
    history = list(my_designs(request.user).filter(problem=problem)[:10]) if (
        request.user.is_authenticated) else []
    response = render(request, "designs/detail.html", {
        "problem": problem,
        "prompt_html": render_markdown(problem.statement),
        "requirements": requirement_rows(requirements),
        "allowed_devices": requirements.get("allowed_devices", []),
        "rubric": problem.details.get("rubric", []),
        "write_up": write_up,
        "spec_yaml": spec_yaml,
        "mode": mode,
        "rows": rows,
        "sample_every": sample_every,
        "errors": errors,
        "error_list": error_list,
        "row_errors_shown": bool(row_errors) and mode == "form",
        "sample_every_error": spec_errors.get("sample_every", ""),
        "interview": interview,
        "round": _round(interview, problem),
        "history": history,
        **_catalog_context(problem),
    })
    # Busy is not a fault of the design: the same form, with a 429/503 and when to retry.
    return refused.mark(response) if refused is not None else response


@login_required
@require_POST
def design_draft(request: HttpRequest, slug: str) -> HttpResponse:
    """The page's autosave: the form as it stands, kept as YAML for the clock to submit."""
    problem = get_object_or_404(design_prompts(), slug=slug)
    mode = request.POST.get("spec_mode")
    spec_yaml = (request.POST.get("spec_yaml", "") if mode == "yaml"
                 else forms.spec_to_yaml(forms.spec_from_form(request.POST)))
    try:
        services.save_draft(user=request.user, problem=problem,
                            write_up=request.POST.get("write_up", ""), spec_yaml=spec_yaml)
    except services.DesignRejected as error:
        return JsonResponse({"saved": False, "errors": error.errors}, status=400)
    return JsonResponse({"saved": True})


CHECK_LOCK_SECONDS = 60


@login_required
@require_POST
def design_check(request: HttpRequest, slug: str) -> HttpResponse:
    """The page's Check: simulate the form's spec as it stands, without handing it in; nothing
    is stored. Errors come back with their paths, as a hand-in's do."""
    problem = get_object_or_404(design_prompts(), slug=slug)
    mode = request.POST.get("spec_mode")
    spec: Any = (request.POST.get("spec_yaml", "") if mode == "yaml"
                 else forms.spec_from_form(request.POST))
    limit = settings.CVPREP_MAX_CODE_BYTES
    if isinstance(spec, str) and len(spec.encode("utf-8", errors="replace")) > limit:
        return JsonResponse({"ok": False, "errors": {"spec_yaml": f"is over {limit // 1024} KiB"}},
                            status=400)
    package = package_for(problem)
    # The simulation runs in this request (0.3-2.5 s for the catalog's prompts): one at a time
    # per user, so that a held-down button cannot tie up the web workers.
    # The lock is in the cache every web process shares (./cvprep run starts two); if that
    # cache fails, this process's own memory still holds one check per user here.
    lock = f"design-check:{request.user.pk}"
    try:
        locks = admission.shared_cache()
        taken = locks.add(lock, 1, timeout=CHECK_LOCK_SECONDS)
    except (redis.RedisError, OSError):
        locks = cache
        taken = locks.add(lock, 1, timeout=CHECK_LOCK_SECONDS)
    if not taken:
        return JsonResponse({"ok": False, "errors": {"check": "a check of yours is still running"}})
    try:
        report = package.evaluate(package.check_spec(spec))
    except SpecError as error:
        # The check ran: an invalid spec is its answer, not a failed request.
        return JsonResponse({"ok": False, "errors": error.errors})
    finally:
        try:
            locks.delete(lock)
        except (redis.RedisError, OSError):
            pass  # it expires after CHECK_LOCK_SECONDS
    data = json_safe(report.to_json())
    return JsonResponse({
        "ok": True,
        "passed": data["passed"],
        "total": data["total"],
        "checks": data["checks"],
        "metrics": data["metrics"],
        "window": simulated_window(package, data["metrics"]),
    })


def simulated_window(package: Any, metrics: dict[str, Any]) -> dict[str, Any]:
    """What the figures are measured over: a p99 means something only over enough frames."""
    measured_s = package.simulation.duration_s - package.simulation.warmup_s
    offered = metrics.get("offered_fps") or 0.0
    frames = int(round(offered * measured_s))
    return {
        "duration_s": package.simulation.duration_s,
        "warmup_s": package.simulation.warmup_s,
        "measured_s": measured_s,
        "frames": frames,
        # the 1% slowest of the measured frames: the tail p99 is read from
        "tail_frames": frames // 100,
        "text": (f"{measured_s:g} s of traffic measured after {package.simulation.warmup_s:g} s "
                 f"of warm-up: about {frames:,} frames, so p99 is read from the slowest "
                 f"{frames // 100:,}"),
    }


@login_required
def design_submission(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(my_designs(request.user), pk=pk)
    problem = submission.problem
    unlocked = answer_unlocked(request.user, problem)
    assessment_errors: dict[str, str] = {}
    if request.method == "POST" and unlocked:
        scores = {}
        for item in problem.details.get("rubric", []):
            text = request.POST.get(f"score-{item['id']}", "").strip()
            scores[item["id"]] = int(text) if text.lstrip("-").isdigit() else text
        try:
            services.save_self_assessment(submission, scores)
            return redirect("design-submission", pk=pk)
        except services.DesignRejected as error:
            assessment_errors = error.errors.get("scores", {})
    answer = answer_for(problem) if unlocked else None
    rubric = answer.rubric if answer else problem.details.get("rubric", [])
    own = submission.self_assessment or {}
    for item in rubric:
        item["own"] = own.get(item["id"], "")
        item["error"] = assessment_errors.get(item["id"], "")
    report = submission.report or {}
    return render(request, "designs/submission.html", {
        "submission": submission,
        "problem": problem,
        "report": report,
        "write_up_html": render_markdown(submission.write_up),
        "window": simulated_window(package_for(problem), report.get("metrics") or {})
        if report else None,
        "spec_yaml": forms.spec_to_yaml(submission.spec) if submission.spec else "",
        "pending": submission.status in ("queued", "running"),
        "answer": answer,
        "answer_html": render_markdown(answer.model_answer) if answer else "",
        "answer_spec_yaml": forms.spec_to_yaml(answer.model_spec) if answer else "",
        "rubric": rubric,
        "rubric_total": sum(item["points"] for item in rubric),
        "own_total": sum(v for v in own.values() if isinstance(v, int)) if own else None,
    })
