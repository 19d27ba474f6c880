"""The torch part of a package's problem.toml: ``runtime = "torch"``, the ``[torch]`` table and
the ``tensor`` checker's tolerances. Read without importing torch, so that loading a catalog of
numpy problems never pays for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

RUNTIMES = ("numpy", "torch")
DOTTED_NAME = re.compile(r"^torch(\.[A-Za-z_][A-Za-z0-9_]*)+$")
CHECKER_KEYS = ("atol", "rtol", "grad_atol", "grad_rtol", "outputs")
TORCH_KEYS = ("grad_inputs", "forbidden")
CASE_TOLERANCE_KEYS = ("atol", "rtol", "grad_atol", "grad_rtol")


@dataclass(frozen=True)
class Tolerance:
    """``|out - ref| <= atol + rtol * |ref|`` elementwise; integer and bool values are exact."""

    atol: float
    rtol: float

    def __str__(self) -> str:
        return f"atol {self.atol:g}, rtol {self.rtol:g}"


@dataclass(frozen=True)
class TorchSpec:
    grad_inputs: tuple[str, ...]  # kwargs that get requires_grad=True on gradient cases
    forbidden: tuple[str, ...]  # dotted names the candidate may not call
    output: Tolerance
    outputs: tuple[Tolerance, ...]  # per-output overrides, in output order (may be empty)
    grad: Tolerance | None  # None when no gradient is checked

    def output_tolerance(self, index: int) -> Tolerance:
        return self.outputs[index] if index < len(self.outputs) else self.output

    def for_case(self, override: dict[str, Any] | None) -> TorchSpec:
        """This spec with a case's own tolerances (``Case.extra["tolerance"]``, keys atol, rtol,
        grad_atol, grad_rtol): a contract may loosen them on one kind of case, such as scores
        in the hundreds. An output tolerance given there applies to every output."""
        if not override:
            return self
        if not isinstance(override, dict):
            raise SpecError("tolerance", "must be a dict of atol, rtol, grad_atol, grad_rtol")
        unknown = sorted(set(override) - set(CASE_TOLERANCE_KEYS))
        if unknown:
            raise SpecError(f"tolerance.{unknown[0]}", f"is not one of {CASE_TOLERANCE_KEYS}")
        values = {key: _tolerance_value(override, key, "tolerance") for key in override}
        atol, rtol = values.get("atol"), values.get("rtol")
        output = Tolerance(
            self.output.atol if atol is None else atol, self.output.rtol if rtol is None else rtol
        )
        grad = self.grad
        if "grad_atol" in values or "grad_rtol" in values:
            if grad is None:
                raise SpecError("tolerance.grad_atol", "is given but no gradient is checked")
            grad_atol, grad_rtol = values.get("grad_atol"), values.get("grad_rtol")
            grad = Tolerance(
                grad.atol if grad_atol is None else grad_atol,
                grad.rtol if grad_rtol is None else grad_rtol,
            )
        outputs = () if atol is not None or rtol is not None else self.outputs
        return replace(self, output=output, outputs=outputs, grad=grad)


class SpecError(Exception):
    """A field of problem.toml is wrong; graders.package turns it into InvalidPackage."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _tolerance_value(table: dict[str, Any], key: str, where: str) -> float | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise SpecError(f"{where}.{key}", "must be a number >= 0")
    return float(value)


def runtime_of(data: dict[str, Any]) -> str:
    runtime = data.get("runtime", "numpy")
    if runtime not in RUNTIMES:
        raise SpecError("runtime", f"must be one of {RUNTIMES}")
    return str(runtime)


def parse_torch_spec(
    data: dict[str, Any], checker_table: dict[str, Any], parameters: list[str]
) -> TorchSpec:
    """Validate a torch package's ``[torch]`` and ``[checker]`` tables.

    ``parameters`` are the entry function's argument names (from the reference), which every
    gradient input must be one of.
    """
    unknown = sorted(set(checker_table) - set(CHECKER_KEYS))
    if unknown:
        raise SpecError(f"checker.{unknown[0]}", f"is not a tensor checker key {CHECKER_KEYS}")
    table = data.get("torch", {})
    if not isinstance(table, dict):
        raise SpecError("torch", "must be a table")
    unknown = sorted(set(table) - set(TORCH_KEYS))
    if unknown:
        raise SpecError(f"torch.{unknown[0]}", f"is not a key of [torch] {TORCH_KEYS}")

    grad_inputs = table.get("grad_inputs", [])
    if not isinstance(grad_inputs, list) or not all(isinstance(n, str) for n in grad_inputs):
        raise SpecError("torch.grad_inputs", "must be a list of argument names")
    for name in grad_inputs:
        if name not in parameters:
            raise SpecError(
                "torch.grad_inputs", f"{name!r} is not an argument of the entry {parameters}"
            )
    if len(set(grad_inputs)) != len(grad_inputs):
        raise SpecError("torch.grad_inputs", "names an argument twice")

    forbidden = table.get("forbidden", [])
    if not isinstance(forbidden, list) or not all(isinstance(n, str) for n in forbidden):
        raise SpecError("torch.forbidden", "must be a list of dotted names")
    for name in forbidden:
        if not DOTTED_NAME.match(name):
            raise SpecError(
                "torch.forbidden", f"{name!r} is not a dotted name under torch (torch.x.y)"
            )

    atol = _tolerance_value(checker_table, "atol", "checker") or 0.0
    rtol = _tolerance_value(checker_table, "rtol", "checker") or 0.0
    grad_atol = _tolerance_value(checker_table, "grad_atol", "checker")
    grad_rtol = _tolerance_value(checker_table, "grad_rtol", "checker")
    grad: Tolerance | None = None
    if grad_inputs:
        if grad_atol is None or grad_rtol is None:
            raise SpecError(
                "checker.grad_atol", "grad_atol and grad_rtol are required with grad_inputs"
            )
        grad = Tolerance(grad_atol, grad_rtol)
    elif grad_atol is not None or grad_rtol is not None:
        raise SpecError("checker.grad_atol", "is given but [torch] grad_inputs is empty (omit it)")

    outputs_table = checker_table.get("outputs", [])
    if not isinstance(outputs_table, list) or not all(isinstance(t, dict) for t in outputs_table):
        raise SpecError("checker.outputs", "must be [[checker.outputs]] tables")
    outputs = []
    for index, output in enumerate(outputs_table):
        where = f"checker.outputs[{index}]"
        extra = sorted(set(output) - {"atol", "rtol"})
        if extra:
            raise SpecError(f"{where}.{extra[0]}", "only atol and rtol may be given")
        output_atol = _tolerance_value(output, "atol", where)
        output_rtol = _tolerance_value(output, "rtol", where)
        outputs.append(
            Tolerance(
                atol if output_atol is None else output_atol,
                rtol if output_rtol is None else output_rtol,
            )
        )
    return TorchSpec(
        grad_inputs=tuple(grad_inputs),
        forbidden=tuple(forbidden),
        output=Tolerance(atol, rtol),
        outputs=tuple(outputs),
        grad=grad,
    )
