"""Custom input: the candidate types a case in the samples' argument format and runs it.

The text is parsed without evaluating code (JSON, or a Python literal), shaped after the first
sample case (same argument names; arrays take the sample's dtype and number of dimensions), and
capped in size. The expected output comes from the reference, run in a forked process under CPU,
memory and wall limits, since the reference is trusted but the input is not.
"""

from __future__ import annotations

import ast
import copy
import json
import math
import os
import resource
import select
import signal
import time
from typing import Any

import numpy as np

from graders.casekit import Case
from graders.engine import PreparedProblem, judge_case, prepare
from graders.package import ProblemPackage
from graders.sandbox.inside import wire
from graders.sandbox.runner import RawOutcome, Sandbox, default_sandbox
from graders.verdicts import GradeResult, Verdict

MAX_TEXT_BYTES = 64 << 10
MAX_ELEMENTS = 1 << 20
REFERENCE_MEMORY_BYTES = 2 << 30


class CustomInputError(ValueError):
    """The custom input cannot be used; the message says which argument and why."""


def parse_custom_input(package: ProblemPackage, text: str) -> dict[str, Any]:
    if len(text.encode()) > MAX_TEXT_BYTES:
        raise CustomInputError(f"custom input is over {MAX_TEXT_BYTES // 1024} KiB")
    raw = _parse_text(text)
    if not isinstance(raw, dict):
        raise CustomInputError("custom input must be an object mapping argument names to values")
    template = _sample_template(package)
    unknown = sorted(set(raw) - set(template))
    missing = [name for name in template if name not in raw]
    if unknown:
        raise CustomInputError(f"unknown argument(s): {', '.join(map(str, unknown))}")
    if missing:
        raise CustomInputError(f"missing argument(s): {', '.join(missing)}")
    try:
        return {name: _shape_like(name, raw[name], template[name]) for name in template}
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


_templates: dict[tuple[str, str], dict[str, Any]] = {}


def _sample_template(package: ProblemPackage) -> dict[str, Any]:
    """The first sample case's arguments, which custom input is shaped after. Cheap enough for
    the web process to check input when it is posted: no reference run, cached per version."""
    key = (str(package.path), package.fingerprint)
    if key not in _templates:
        _templates[key] = next(case for case in package.generate_cases() if case.sample).args
    return _templates[key]


def _shape_like(name: str, value: Any, template: Any) -> Any:
    if isinstance(template, np.ndarray):
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
        with np.errstate(invalid="ignore", over="ignore"):
            return array.astype(template.dtype)
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
    if template is None:  # an optional argument such as bias=None: None or an array
        return None if value is None else _shape_like(name, value, np.zeros((0,)))
    raise CustomInputError(f"{name}: this argument cannot be given as custom input")


def run_reference_limited(package: ProblemPackage, args: dict[str, Any]) -> Any:
    """Expected output for untrusted input: the reference in a forked process with limits."""
    read_fd, write_fd = os.pipe()
    cpu_seconds = max(2, math.ceil(package.time_limit * 5))
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_fd)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
            resource.setrlimit(resource.RLIMIT_AS, (REFERENCE_MEMORY_BYTES,) * 2)
            try:
                result = package.reference()(*copy.deepcopy(list(args.values())))
                tree, blobs = wire.encode_value(result)
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
    """Run ``code`` on one custom case and judge it against the reference's output."""
    args = parse_custom_input(package, text)
    expected = run_reference_limited(package, args)
    prepared = prepare(package)
    custom = PreparedProblem(
        package=package, cases=[Case("custom", args, sample=True)], expected=[expected]
    )
    custom.__dict__["checker"] = prepared.checker  # the cached checker, already imported
    sandbox = sandbox or default_sandbox()
    outcomes: list[RawOutcome] = sandbox.outcomes(
        code=code, entry=package.entry, limits=package.limits, inputs=custom.encoded_inputs([0])
    )
    if outcomes and outcomes[0].status == "compile_error":
        return GradeResult(Verdict.COMPILE_ERROR, 0.0, (), outcomes[0].message, package.limits)
    result = judge_case(custom, 0, outcomes[0])
    score = 1.0 if result.verdict == Verdict.ACCEPTED else 0.0
    return GradeResult(result.verdict, score, (result,), "", package.limits)
