"""Torch problems in the trusted process: reference outputs and gradients, and the verdict of
each case from what the sandbox's harness returned.

The reference runs here (trusted; it may use the very functions candidates may not). For a
gradient case the upstream gradient G of each floating output is drawn from a generator seeded
with the case's name, so it is the same on every machine and never comes from cases.py.
"""

from __future__ import annotations

import copy
import hashlib
import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

import numpy as np
import torch

from graders.coding.casekit import Case, rng
from graders.coding.package import ProblemPackage
from graders.coding.prepared import PreparedProblem
from graders.coding.verdicts import Verdict
from graders.package import InvalidPackage
from graders.sandbox.inside import wire
from graders.sandbox.runner import RawOutcome, Sandbox
from graders.torchrt.compare import compare
from graders.torchrt.sandbox import default_torch_sandbox
from graders.torchrt.scan import forbidden_use
from graders.torchrt.spec import SpecError, Tolerance, TorchSpec

Array = np.ndarray[Any, Any]


@dataclass
class TorchPrepared(PreparedProblem):
    """``expected`` holds the reference outputs as arrays (one array, or a tuple of them)."""

    spec: TorchSpec
    upstream: list[list[Array | None] | None]  # per case: G per output, or None (no grads)
    # per case: one per grad input (None where the reference's output does not reach that
    # input through autograd), or None for a forward-only case
    reference_grads: list[list[Array | None] | None]
    forbidden_aten: dict[str, str] = field(default_factory=dict)
    unresolved_forbidden: list[str] = field(default_factory=list)
    case_specs: list[TorchSpec] = field(default_factory=list)  # per case, its own tolerances

    def case_spec(self, index: int) -> TorchSpec:
        return self.case_specs[index] if self.case_specs else self.spec

    def sandbox(self) -> Sandbox:
        return default_torch_sandbox()

    @property
    def setup(self) -> dict[str, Any]:
        return {"forbidden": list(self.spec.forbidden), "forbidden_aten": self.forbidden_aten}

    def encoded_inputs(self, indices: list[int]) -> _TorchInputs:  # type: ignore[override]
        return _TorchInputs(self, indices)

    def refuse(self, code: str) -> tuple[Verdict, str] | None:
        name = forbidden_use(code, self.spec.forbidden)
        return None if name is None else (Verdict.FORBIDDEN, forbidden_message(name))

    def judge_outcome(self, index: int, outcome: RawOutcome) -> tuple[Verdict, str] | None:
        if outcome.status in ("ok", "forbidden"):
            return judge_torch_case(self, index, outcome)
        return None

    def shown_value(self, outcome: RawOutcome) -> Any:
        try:
            is_tuple, arrays, _, _ = outcome.value
        except (TypeError, ValueError):
            return None
        return tuple(arrays) if is_tuple else (arrays[0] if arrays else None)

    def run_reference(self, case: Case) -> Any:
        """(outputs, upstream G, reference gradients) of ``case``, as ``prepare_torch`` computes
        them for the package's own cases. Runs in the forked child of custom input: one thread,
        as in the sandbox, so the child never waits on an intra-op pool it did not inherit."""
        torch.set_num_threads(1)
        with torch.random.fork_rng():
            torch.manual_seed(0)
            return _reference_case(self.package, self.spec, self.package.reference(), case)

    def one_case(self, case: Case, computed: Any) -> TorchPrepared:
        """Judged as a sample case, with the loosest tolerance of the package's cases that take
        the same arguments: a contract loosens it on one kind of case (scores in the
        hundreds, box_coder's decode), and a case the candidate wrote may be of that kind."""
        expected, upstream, grads = computed
        same_names = [
            i for i, known in enumerate(self.cases) if list(known.args) == list(case.args)
        ]
        specs = [self.case_spec(i) for i in same_names] or [self.spec]
        return TorchPrepared(
            package=self.package,
            cases=[case],
            expected=[expected],
            spec=self.spec,
            upstream=[upstream],
            reference_grads=[grads],
            forbidden_aten=self.forbidden_aten,
            unresolved_forbidden=self.unresolved_forbidden,
            case_specs=[_loosest(specs)],
        )


class _TorchInputs(Sequence[tuple[Any, list[bytes]]]):
    """Each case as the harness reads it: (values, names, upstream G or None, grad inputs)."""

    def __init__(self, prepared: TorchPrepared, indices: list[int]) -> None:
        self.prepared = prepared
        self.indices = indices

    def __len__(self) -> int:
        return len(self.indices)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, list[bytes]]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Any, list[bytes]]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        case_index = self.indices[index]
        case = self.prepared.cases[case_index]
        message = (
            tuple(case.args.values()),
            list(case.args),
            self.prepared.upstream[case_index],
            list(self.prepared.spec.grad_inputs),
        )
        return wire.encode_value(message)


def _tensor(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return torch.from_numpy(np.array(value, copy=True))
    if isinstance(value, (list, tuple)):
        return [_tensor(item) for item in value]
    return copy.deepcopy(value)


def _as_array(value: Any, what: str) -> Array:
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{what} is a {type(value).__name__}, not a tensor")
    return np.array(value.detach().cpu().resolve_neg().numpy(), copy=True)


def upstream_seed(case_name: str) -> int:
    return int.from_bytes(hashlib.sha256(b"cvprep-upstream\0" + case_name.encode()).digest()[:8])


def _upstream(case: Case, outputs: list[Array]) -> list[Array | None]:
    generator = rng(upstream_seed(case.name))
    return [
        np.asarray(generator.standard_normal(out.shape, dtype=np.float32), dtype=np.float32)
        if out.dtype.kind == "f"
        else None
        for out in outputs
    ]


def _reference_case(
    package: ProblemPackage, spec: TorchSpec, reference: Any, case: Case
) -> tuple[Any, list[Array | None] | None, list[Array | None] | None]:
    kwargs = {name: _tensor(value) for name, value in case.args.items()}
    check_grad = bool(spec.grad_inputs) and case.extra.get("check_grad", True)
    if check_grad:
        for name in spec.grad_inputs:
            value = kwargs.get(name)
            if not isinstance(value, torch.Tensor) or not value.is_floating_point():
                raise InvalidPackage(
                    path=package.path / "cases.py",
                    field=case.name,
                    reason=f"gradient input {name!r} must be a floating array",
                )
            value.requires_grad_(True)
    result = reference(**kwargs)
    outputs = list(result) if isinstance(result, tuple) else [result]
    arrays = [_as_array(out, f"output {i}") for i, out in enumerate(outputs)]
    expected = tuple(arrays) if isinstance(result, tuple) else arrays[0]
    if not check_grad:
        return expected, None, None
    upstream = _upstream(case, arrays)
    roots = [
        (out, torch.from_numpy(seed.copy()))
        for out, seed in zip(outputs, upstream, strict=True)
        if seed is not None and out.requires_grad
    ]
    if roots:
        torch.autograd.backward([r for r, _ in roots], [g for _, g in roots])
    grads: list[Array | None] = []
    for name in spec.grad_inputs:
        grad = kwargs[name].grad
        grads.append(None if grad is None else _as_array(grad, f"grad of {name}"))
    return expected, upstream, grads


def _resolves(name: str) -> bool:
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            parent: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for part in parts[split:]:
                parent = getattr(parent, part)
        except (AttributeError, RuntimeError):
            return False
        return True
    return False


def _aten_ops(forbidden: tuple[str, ...]) -> dict[str, str]:
    """aten operator -> the forbidden name it implements: ``torch.grid_sampler_2d`` and
    ``torch.ops.aten.grid_sampler_2d`` are both aten::grid_sampler_2d."""
    ops: dict[str, str] = {}
    for name in forbidden:
        parts = name.split(".")
        op = parts[3] if parts[:3] == ["torch", "ops", "aten"] and len(parts) > 3 else parts[-1]
        try:
            getattr(torch.ops.aten, op)
        except (AttributeError, RuntimeError):
            continue
        ops.setdefault(op, name)
    return ops


def _loosest(specs: list[TorchSpec]) -> TorchSpec:
    """The first spec with, per output and for gradients, the largest atol and rtol of all."""

    def widest(tolerances: list[Tolerance]) -> Tolerance:
        return Tolerance(max(t.atol for t in tolerances), max(t.rtol for t in tolerances))

    first = specs[0]
    count = max(len(spec.outputs) for spec in specs)
    outputs = tuple(widest([spec.output_tolerance(i) for spec in specs]) for i in range(count))
    grads = [spec.grad for spec in specs if spec.grad is not None]
    return replace(
        first,
        output=widest([spec.output for spec in specs]),
        outputs=outputs,
        grad=widest(grads) if grads else None,
    )


def _case_spec(package: ProblemPackage, spec: TorchSpec, case: Case) -> TorchSpec:
    try:
        return spec.for_case(case.extra.get("tolerance"))
    except SpecError as error:
        raise InvalidPackage(
            path=package.path / "cases.py", field=case.name, reason=f"extra: {error}"
        ) from None


def prepare_torch(package: ProblemPackage) -> TorchPrepared:
    spec = package.torch
    assert spec is not None
    cases = package.generate_cases()
    case_specs = [_case_spec(package, spec, case) for case in cases]
    reference = package.reference()
    expected, upstream, grads = [], [], []
    for case in cases:
        try:
            with torch.random.fork_rng():
                torch.manual_seed(0)
                out, seeds, case_grads = _reference_case(package, spec, reference, case)
        except InvalidPackage:
            raise
        except Exception as error:
            raise InvalidPackage(
                path=package.path / "reference.py",
                field=package.entry,
                reason=f"fails on case {case.name!r}: {error!r}",
            ) from error
        expected.append(out)
        upstream.append(seeds)
        grads.append(case_grads)
    return TorchPrepared(
        package=package,
        cases=cases,
        expected=expected,
        spec=spec,
        upstream=upstream,
        reference_grads=grads,
        forbidden_aten=_aten_ops(spec.forbidden),
        unresolved_forbidden=[name for name in spec.forbidden if not _resolves(name)],
        case_specs=case_specs,
    )


# --- judging one case ---------------------------------------------------------------------


# What the harness says when the forbidden functions' raising kernels were taken away.
TAMPERED = "tampered"


def forbidden_message(name: str) -> str:
    return f"uses {name}, which this problem asks you to implement"


def _output_label(index: int, is_tuple: bool) -> str:
    return f"output {index}" if is_tuple else "output"


def judge_torch_case(
    prepared: TorchPrepared, index: int, outcome: RawOutcome
) -> tuple[Verdict, str]:
    """The verdict of an ``ok`` or ``forbidden`` outcome (others are judged as for numpy)."""
    case = prepared.cases[index]
    hidden = not case.sample
    spec = prepared.case_spec(index)
    if outcome.status == "forbidden":
        if outcome.message in spec.forbidden:
            return Verdict.FORBIDDEN, forbidden_message(outcome.message)
        if outcome.message == TAMPERED:
            return Verdict.FORBIDDEN, (
                "removed the stand-ins of the functions this problem forbids "
                f"({', '.join(spec.forbidden)})"
            )
        return Verdict.RUNTIME_ERROR, "the solution crashed"
    try:
        is_tuple, arrays, grads, mutated = outcome.value
        assert isinstance(arrays, list) and isinstance(mutated, list)
    except (TypeError, ValueError, AssertionError):
        return Verdict.WRONG_ANSWER, "unreadable result"
    for name in mutated:
        if name in case.args:
            return Verdict.WRONG_ANSWER, (
                f"modifies its input {name} in place (inputs must be left unchanged)"
            )
    expected = prepared.expected[index]
    want = list(expected) if isinstance(expected, tuple) else [expected]
    want_tuple = isinstance(expected, tuple)
    if bool(is_tuple) != want_tuple or len(arrays) != len(want):
        shape = f"a tuple of {len(want)} tensors" if want_tuple else "one tensor"
        if hidden:  # how many it returned is the solution's to choose: a channel for data
            return Verdict.WRONG_ANSWER, f"returned the wrong number of tensors, expected {shape}"
        got = f"a tuple of {len(arrays)} tensors" if is_tuple else "one tensor"
        return Verdict.WRONG_ANSWER, f"returned {got}, expected {shape}"
    for position, (actual, reference) in enumerate(zip(arrays, want, strict=True)):
        label = _output_label(position, want_tuple)
        tolerance = spec.output_tolerance(position)
        problem = compare(actual, reference, tolerance, label, hidden=hidden)
        if problem:
            return Verdict.WRONG_ANSWER, problem
    reference_grads = prepared.reference_grads[index]
    if reference_grads is not None:
        assert spec.grad is not None
        if not isinstance(grads, list) or len(grads) != len(reference_grads):
            return Verdict.WRONG_ANSWER, "no gradients came back"
        for name, grad, reference_grad in zip(
            spec.grad_inputs, grads, reference_grads, strict=True
        ):
            label = f"grad of {name}"
            if grad is None:
                if reference_grad is None:
                    continue  # the reference's output does not reach it either
                # A gradient of zeros is still a gradient: a fresh constant where the loss
                # should be 0 (and connected) fails here even when every true gradient is 0.
                return Verdict.WRONG_ANSWER, (
                    f"{label}: missing: no gradient reached `{name}`: the output does not "
                    "depend on it through autograd (is it detached, a fresh constant, or "
                    "computed with .data or numpy?)"
                )
            if reference_grad is None:
                reference_grad = np.zeros_like(np.asarray(case.args[name]))
            problem = compare(grad, reference_grad, spec.grad, label, hidden=hidden)
            if problem:
                return Verdict.WRONG_ANSWER, problem
    return Verdict.ACCEPTED, ""
