"""Model hand-ins (issue 14): the candidate's model.onnx, checked statically before it is saved,
then run and timed by the platform on the hidden inputs (on the ``models`` queue).

The engine is ``graders.models``: ``inspect_model`` here in the web process (static rules only:
nothing of the model runs), ``score_handin`` in the worker (the sandboxed run, the latency, the
take-home's metrics on the outputs in the trusted process, the budget). Hidden inputs and labels
are read on the server only; what a page shows is the report.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from backend.grading import admission, kinds, lifecycle
from backend.lib.errors import Forbidden
from backend.takehomes import access, services
from backend.takehomes.models import Assignment, ModelHandIn
from backend.takehomes.services import HandInRejected

KIND = "takehome_model"


def _model_spec(assignment: Assignment) -> Any:
    from graders.models.package import model_spec

    spec = model_spec(services.load_package(assignment.takehome))
    if spec is None:
        raise HandInRejected("model", ["this take-home asks for predictions, not a model"])
    return spec


def hand_in_model(
    *,
    assignment: Assignment,
    user: Any,
    model: Any,
    code: Any,
    writeup: str | bytes,
    reported_latency_ms: float | None = None,
) -> ModelHandIn:
    """Check the write-up, the code zip and the model's static rules; save; enqueue."""
    from graders.models import ModelRefused, inspect_model

    if not access.is_candidate(user, assignment):
        raise Forbidden("only the candidate hands in")
    admission.admit(kinds.get(KIND), user)
    takehome = assignment.takehome
    now = timezone.now()
    late = now > assignment.deadline
    if late and takehome.late_policy == "refuse":
        raise HandInRejected("deadline", ["the deadline has passed; hand-ins are closed"])
    writeup = services.check_writeup(writeup)
    if reported_latency_ms is not None and not 0 < reported_latency_ms < 1e7:
        raise HandInRejected("reported_latency_ms", ["a latency is a positive number of ms"])
    spec = _model_spec(assignment)
    model_name, model_bytes = services.read_upload(model, "model", spec.contract.max_bytes)
    if not model_name.lower().endswith(".onnx"):
        raise HandInRejected("model", ["the model must be an .onnx file"])
    try:
        inspect_model(
            model_bytes,
            spec.contract.io,
            max_bytes=spec.contract.max_bytes,
            opset_range=spec.contract.opset_range,
        )
    except ModelRefused as refused:
        raise HandInRejected("model", [f"{refused.rule.value}: {refused.message}"]) from None
    code_name, code_bytes = services.read_upload(
        code, "code", services.limit("CVPREP_TAKEHOME_MAX_CODE_BYTES")
    )
    if not code_name.lower().endswith(".zip"):
        raise HandInRejected("code", ["the code archive must be a .zip"])
    services.check_code_zip(code_bytes)
    with admission.pending_slot(kinds.get(KIND), user):
        hand_in = ModelHandIn.objects.create(
            assignment=assignment,
            is_late=late,
            model_onnx=model_bytes,
            model_sha256=hashlib.sha256(model_bytes).hexdigest(),
            code_zip=code_bytes,
            code_name=code_name,
            writeup=writeup,
            reported_latency_ms=reported_latency_ms,
            enqueued_at=now,
        )
        lifecycle.enqueue(kinds.get(KIND), hand_in.id)
    return hand_in


def grade(hand_in: ModelHandIn) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Run, time and score the model on the hidden inputs: (report json, plots by name)."""
    from graders.models.package import score_handin
    from graders.models.plots import latency_histogram
    from graders.models.report import handin_json
    from graders.takehome import render_plots

    package = services.load_package(hand_in.assignment.takehome)
    scored = score_handin(package, bytes(hand_in.model_onnx))
    plots: dict[str, bytes] = {}
    if scored.run.latency is not None:
        plots["latency"] = latency_histogram(scored.run.latency, scored.run.reference_latency)
    if scored.report is not None:
        plots.update(render_plots(package, scored.report))
    return handin_json(scored), plots


def outcome_fields(report: dict[str, Any]) -> dict[str, Any]:
    metrics = report.get("metrics") or {}
    latency = report.get("latency_ms") or {}
    return {
        "report": report,
        "primary_metric": metrics.get("primary", ""),
        # LPCVC-style: 0 outside the budget or when refused (graders' HandinScore.scored_value).
        "primary_value": report["scored_value"],
        "p90_ms": latency.get("p90"),
        "error": "",
    }
