"""Custom input: the candidate types a case in the samples' argument format and runs it.

The text is parsed without evaluating code (JSON, or a Python literal), shaped after the cases
(the argument names of one of them, the samples' first; arrays take the cases' dtype and number
of dimensions, so a torch problem's tensors are float32, int64 or bool as its contract says),
and capped in size. The expected output (for a torch problem, with the reference's input
gradients) comes from the reference, run in a forked process under CPU, memory and wall limits,
since the reference is trusted but the input is not. The solution runs in its runtime's sandbox
and the case is judged by the runtime's own rules, as a sample case.
"""

from __future__ import annotations

import ast
import json
import math
import os
import resource
import select
import signal
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from graders.coding.casekit import Case
from graders.coding.engine import judge_case, prepare
from graders.coding.package import ProblemPackage
from graders.coding.verdicts import GradeResult, Verdict
from graders.sandbox.inside import wire
from graders.sandbox.runner import RawOutcome, Sandbox

MAX_TEXT_BYTES = 64 << 10
MAX_ELEMENTS = 1 << 20
MAX_STRING = 64
REFERENCE_MEMORY_BYTES = 2 << 30


class CustomInputError(ValueError):
    """The custom input cannot be used; the message says which argument and why."""


def parse_custom_input(package: ProblemPackage, text: str) -> dict[str, Any]:
    if len(text.encode()) > MAX_TEXT_BYTES:
        raise CustomInputError(f"custom input is over {MAX_TEXT_BYTES // 1024} KiB")
    raw = _parse_text(text)
    if not isinstance(raw, dict):
        raise CustomInputError("custom input must be an object mapping argument names to values")
    form = _form_for(_argument_forms(package), raw)
    try:
        return {name: _shape_like(name, raw[name], form[name]) for name in form}
    except (RecursionError, MemoryError):
        raise CustomInputError("custom input is nested too deeply or too large") from None


def _parse_text(text: str) -> Any:
    """JSON, else a Python literal; never evaluated. Deep nesting (a 60 KB run of brackets)
    exhausts the parser's recursion: that is bad input, not a crash of the worker."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError, MemoryError):
        pass
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise CustomInputError(
            "custom input must be a JSON object or a Python dict literal, "
            'e.g. {"boxes": [[0, 0, 10, 10]], "iou_threshold": 0.5}'
        ) from None


# An argument's form: what custom input for it must look like, as a value of the cases' kind
# holding no case's data (an array is an empty one of the cases' dtype and dimensions).
Form = dict[str, list[Any]]
_forms: dict[tuple[str, str], list[Form]] = {}


def _argument_forms(package: ProblemPackage) -> list[Form]:
    """One form per set of argument names the cases use, the samples' first: a torch entry is
    called with keywords, so cases may pass different subsets of its parameters (box_coder's
    encode and decode), and one argument may be an array in one case and None in another.
    Cheap enough for the web process to check input when it is posted: no reference run,
    cached per package version."""
    key = (str(package.path), package.fingerprint)
    if key not in _forms:
        cases = package.generate_cases()
        forms: dict[tuple[str, ...], Form] = {}
        for case in sorted(cases, key=lambda case: not case.sample):
            form = forms.setdefault(tuple(case.args), {name: [] for name in case.args})
            for name, value in case.args.items():
                shape = _form_of(value)
                if all(_signature(shape) != _signature(known) for known in form[name]):
                    form[name].append(shape)
        _forms[key] = list(forms.values())
    return _forms[key]


def _form_of(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return np.empty((0,) + value.shape[1:], dtype=value.dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(_form_of(item) for item in value)
    return value


def _signature(form: Any) -> Any:
    if isinstance(form, np.ndarray):
        return ("array", form.dtype.str, form.ndim)
    if isinstance(form, (list, tuple)):
        return (type(form).__name__, tuple(_signature(item) for item in form))
    return type(form).__name__


def _form_for(forms: list[Form], raw: dict[Any, Any]) -> Form:
    """The form whose names are exactly the input's; else say what differs from the closest."""
    given = set(raw)
    for form in forms:
        if set(form) == given:
            return form
    closest = min(forms, key=lambda form: len(given ^ set(form)))  # the first sample on ties
    unknown = sorted(map(str, given - set(closest)))
    missing = [name for name in closest if name not in given]
    if unknown:
        raise CustomInputError(f"unknown argument(s): {', '.join(unknown)}")
    raise CustomInputError(f"missing argument(s): {', '.join(missing)}")


def _shape_like(name: str, value: Any, alternatives: list[Any]) -> Any:
    """``value`` as the first of the argument's forms it fits, trying first the form of its own
    kind (a list is an array before it is None); the error of the likeliest form otherwise."""
    ordered = sorted(alternatives, key=lambda form: _fit(value, form))
    error: CustomInputError | None = None
    for form in ordered:
        try:
            return _shape_like_one(name, value, form)
        except CustomInputError as failure:
            error = error or failure
    assert error is not None  # a form list is never empty
    raise error


def _fit(value: Any, form: Any) -> int:
    """0 where ``form`` is the natural reading of ``value``, 1 where it may still fit, else 2."""
    if value is None:
        return 0 if form is None else 2
    if isinstance(value, bool):
        return 0 if isinstance(form, bool) else 2
    if isinstance(value, (int, float)):
        if type(form) is type(value):
            return 0
        return 1 if isinstance(form, (int, float)) and not isinstance(form, bool) else 2
    if isinstance(value, (list, tuple)):
        return 0 if isinstance(form, np.ndarray) else (1 if isinstance(form, (list, tuple)) else 2)
    return 0 if type(form) is type(value) else 2


def _shape_like_one(name: str, value: Any, template: Any) -> Any:
    if isinstance(template, np.ndarray):
        return _array_like(name, value, template)
    if isinstance(template, bool):
        if not isinstance(value, bool):
            raise CustomInputError(f"{name}: expected true or false")
        return value
    if isinstance(template, int):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise CustomInputError(f"{name}: expected an integer")
        if abs(value) > 2**62:
            raise CustomInputError(f"{name}: integer out of range")
        return int(value)
    if isinstance(template, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CustomInputError(f"{name}: expected a number")
        if not math.isfinite(float(value)):
            raise CustomInputError(f"{name}: expected a finite number")
        return float(value)
    if isinstance(template, str):
        if not isinstance(value, str) or len(value) > MAX_STRING:
            raise CustomInputError(f"{name}: expected a string of at most {MAX_STRING} characters")
        return value
    if isinstance(template, (list, tuple)):
        # A fixed-length group such as box_coder's four weights: each item like the cases'.
        if not isinstance(value, (list, tuple)) or len(value) != len(template):
            raise CustomInputError(f"{name}: expected a list of {len(template)} values")
        items = [
            _shape_like_one(f"{name}[{index}]", item, form)
            for index, (item, form) in enumerate(zip(value, template, strict=True))
        ]
        return type(template)(items)
    if template is None:  # an optional argument such as bias=None: None or an array
        return None if value is None else _array_like(name, value, np.zeros((0,)))
    raise CustomInputError(f"{name}: this argument cannot be given as custom input")


def _array_like(name: str, value: Any, template: np.ndarray[Any, Any]) -> Any:
    if value is None or isinstance(value, (str, dict)):
        raise CustomInputError(f"{name}: expected an array")
    try:
        array = np.asarray(value, dtype=np.float64 if template.dtype.kind == "f" else None)
    except (ValueError, TypeError):
        raise CustomInputError(f"{name}: not a rectangular array") from None
    if array.dtype.kind not in "biuf":
        raise CustomInputError(f"{name}: expected numbers")
    if array.size > MAX_ELEMENTS:
        raise CustomInputError(f"{name}: at most {MAX_ELEMENTS} elements in custom input")
    if array.ndim != template.ndim and array.size:
        raise CustomInputError(f"{name}: expected {template.ndim} dimensions, got {array.ndim}")
    if array.size == 0:
        array = array.reshape((0,) + template.shape[1:])
    whole = np.all(np.isfinite(array)) and np.all(array == np.round(array))
    if template.dtype.kind in "iu" and array.dtype.kind == "f" and not whole:
        raise CustomInputError(f"{name}: expected integers")
    if template.dtype.kind == "b" and array.dtype.kind != "b" and not np.isin(array, (0, 1)).all():
        raise CustomInputError(f"{name}: expected true or false values")
    with np.errstate(invalid="ignore", over="ignore"):
        return array.astype(template.dtype)


def run_reference_limited(package: ProblemPackage, compute: Callable[[], Any]) -> Any:
    """Expected output for untrusted input: ``compute`` (the reference on it) in a forked
    process under CPU and memory limits; what it returns comes back through the wire format.
    The memory is counted beyond what this process already maps, since a worker that imported
    torch maps hundreds of MiB before any reference runs."""
    read_fd, write_fd = os.pipe()
    cpu_seconds = max(2, math.ceil(package.time_limit * 5))
    address_space = _mapped_bytes() + REFERENCE_MEMORY_BYTES
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_fd)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
            try:
                tree, blobs = wire.encode_value(compute())
                message = wire.pack_message({"ok": True, "value": tree}, blobs)
            except BaseException as error:  # the input broke a constraint the reference relies on
                message = wire.pack_message(
                    {"ok": False, "error": f"{type(error).__name__}: {error}"}
                )
            wire.write_all(write_fd, message)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    try:
        return _read_reference_reply(read_fd, deadline=time.monotonic() + cpu_seconds * 2 + 1)
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


def _mapped_bytes() -> int:
    """This process's address space now (VmSize), 0 where /proc cannot say."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _read_reference_reply(fd: int, deadline: float) -> Any:
    chunks = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise CustomInputError("the reference solution took too long on this input")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks += chunk
    if len(chunks) < wire.FRAME_HEADER.size:
        raise CustomInputError("the reference solution could not handle this input")
    header, blobs = wire.unpack_body(bytes(chunks[wire.FRAME_HEADER.size :]))
    if not header.get("ok"):
        raise CustomInputError(
            f"this input is outside the problem's constraints ({header.get('error', '')[:200]})"
        )
    return wire.decode_value(header["value"], blobs)


def grade_custom(
    package: ProblemPackage, code: str, text: str, *, sandbox: Sandbox | None = None
) -> GradeResult:
    """Run ``code`` on one custom case and judge it against the reference's output, in the
    package's runtime: a torch problem's case is judged on outputs and input gradients as its
    sample cases are, with its forbidden calls refused."""
    args = parse_custom_input(package, text)
    prepared = prepare(package)
    refused = prepared.refuse(code)
    if refused is not None:
        return GradeResult(refused[0], 0.0, (), refused[1], package.limits)
    case = Case("custom", args, sample=True)
    computed = run_reference_limited(package, partial(prepared.run_reference, case))
    custom = prepared.one_case(case, computed)
    sandbox = sandbox or custom.sandbox()
    outcomes: list[RawOutcome] = sandbox.outcomes(
        code=code,
        entry=package.entry,
        limits=package.limits,
        inputs=custom.encoded_inputs([0]),
        setup=custom.setup,
    )
    if outcomes and outcomes[0].status == "compile_error":
        return GradeResult(Verdict.COMPILE_ERROR, 0.0, (), outcomes[0].message, package.limits)
    result = judge_case(custom, 0, outcomes[0])
    score = 1.0 if result.verdict == Verdict.ACCEPTED else 0.0
    return GradeResult(result.verdict, score, (result,), "", package.limits)
