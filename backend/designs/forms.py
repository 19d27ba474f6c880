"""The design page's spec form: rows of stage fields to a spec mapping, and back.

Values are passed through as typed text would be ("3" -> 3, "2.5" -> 2.5, "x" -> "x") so the
spec checks, not the form, decide what is wrong and say so at the field.
"""

from __future__ import annotations

from typing import Any

import yaml
from django.http import QueryDict

STAGE_FIELDS = ("name", "kind", "device", "replicas", "batch_size", "batch_timeout_ms",
                "max_queue", "model", "threshold")
NUMERIC = {"replicas", "batch_size", "batch_timeout_ms", "max_queue", "threshold"}
FORM_ROWS = 6


def _typed(text: str) -> Any:
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def spec_from_form(data: QueryDict) -> dict[str, Any]:
    stages = []
    for index in range(FORM_ROWS):
        row = {f: data.get(f"stage-{index}-{f}", "").strip() for f in STAGE_FIELDS}
        if not row["kind"]:
            continue  # an unused row
        stage: dict[str, Any] = {}
        for field_name, text in row.items():
            if text == "":
                continue
            stage[field_name] = _typed(text) if field_name in NUMERIC else text
        stages.append(stage)
    spec: dict[str, Any] = {"stages": stages}
    sample_every = data.get("sample_every", "").strip()
    spec["sample_every"] = _typed(sample_every) if sample_every else 1
    return spec


def spec_to_yaml(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, sort_keys=False)


def rows_from_spec(spec: Any) -> tuple[list[dict[str, Any]], Any]:
    """Form rows (always FORM_ROWS of them) and sample_every from a spec mapping, leniently."""
    stages = spec.get("stages") if isinstance(spec, dict) else None
    stages = stages if isinstance(stages, list) else []
    rows = []
    for index in range(FORM_ROWS):
        stage = stages[index] if index < len(stages) and isinstance(stages[index], dict) else {}
        rows.append({"index": index, **{f: stage.get(f, "") for f in STAGE_FIELDS}})
    sample_every = spec.get("sample_every", 1) if isinstance(spec, dict) else 1
    return rows, sample_every


def errors_by_row(errors: dict[str, str]) -> tuple[dict[int, dict[str, str]], list[str]]:
    """``stages[2].replicas`` -> row 2, field replicas; anything else is a general message."""
    by_row: dict[int, dict[str, str]] = {}
    general = []
    for path, message in errors.items():
        if path.startswith("stages[") and "]" in path:
            index_text, _, rest = path[len("stages["):].partition("]")
            field_name = rest.lstrip(".") or "row"
            if index_text.isdigit():
                by_row.setdefault(int(index_text), {})[field_name] = message
                continue
        general.append(f"{path}: {message}")
    return by_row, general
