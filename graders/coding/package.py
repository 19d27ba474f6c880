"""Coding problem packages: reading and validating ``problems/<slug>/``.

A package is data: problem.toml, statement.md, starter.py, reference.py, cases.py and, for
custom checking, checker.py. See docs/authoring.md for the contract.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from graders.coding.casekit import Case
from graders.package import (
    KINDS,
    InvalidPackage,
    files_digest,
    read_listing,
    read_problem_toml,
    typed_field,
)
from graders.sandbox.limits import Limits
from graders.torchrt.spec import SpecError, TorchSpec, parse_torch_spec, runtime_of

CHECKERS = ("exact", "allclose", "image", "set", "partition", "custom", "tensor")
REQUIRED_FILES = ("problem.toml", "statement.md", "starter.py", "reference.py", "cases.py")
TAG_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FINGERPRINTED_FILES = (*REQUIRED_FILES, "checker.py")


@dataclass(frozen=True)
class CheckerSpec:
    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProblemPackage:
    path: Path
    slug: str
    title: str
    kind: str
    difficulty: str
    category: str
    tags: tuple[str, ...]
    entry: str
    time_limit: float
    memory_limit_mb: int
    checker: CheckerSpec
    statement: str
    starter: str
    fingerprint: str
    runtime: str = "numpy"
    torch: TorchSpec | None = None  # set exactly when runtime is "torch"
    aliases: tuple[str, ...] = ()  # other names people search for ("non-max suppression")

    @property
    def limits(self) -> Limits:
        return Limits(time_limit=self.time_limit, memory_limit_mb=self.memory_limit_mb)

    @cached_property
    def reference_source(self) -> str:
        return (self.path / "reference.py").read_text()

    def module(self, name: str) -> ModuleType:
        """Import one of the package's own Python files (trusted code) under a unique name."""
        return _import_file(self.path / f"{name}.py", f"cvprep_problems.{self.slug}.{name}")

    def generate_cases(self) -> list[Case]:
        cases_path = self.path / "cases.py"
        generate = getattr(self.module("cases"), "generate", None)
        if not callable(generate):
            raise InvalidPackage(path=cases_path, field="generate", reason="is not defined")
        try:
            cases = list(generate())
        except Exception as error:
            raise InvalidPackage(
                path=cases_path, field="generate", reason=f"failed: {error!r}"
            ) from error
        _validate_cases(cases_path, cases)
        return cases

    def reference(self) -> Callable[..., Any]:
        function = getattr(self.module("reference"), self.entry, None)
        if not callable(function):
            raise InvalidPackage(
                path=self.path / "reference.py", field=self.entry, reason="is not defined"
            )
        return function  # type: ignore[no-any-return]


def _import_file(path: Path, module_name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise InvalidPackage(path=path, reason="cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        sys.modules.pop(module_name, None)
        raise InvalidPackage(path=path, reason=f"fails to import: {error!r}") from error
    return module


def _validate_cases(path: Path, cases: list[Case]) -> None:
    if not cases:
        raise InvalidPackage(path=path, field="generate", reason="returned no cases")
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InvalidPackage(path=path, field="name", reason=f"duplicate case names {duplicates}")
    for case in cases:
        if not isinstance(case, Case):
            raise InvalidPackage(path=path, field="generate", reason="must return Case objects")
    if not any(case.sample for case in cases):
        raise InvalidPackage(path=path, field="sample", reason="at least one case must be a sample")


def fingerprint(path: Path) -> str:
    return files_digest(path / name for name in FINGERPRINTED_FILES)


def load_package(path: Path | str) -> ProblemPackage:
    """Read and validate one package folder; raises InvalidPackage naming file and field."""
    path = Path(path).resolve()
    toml_path, data = read_problem_toml(path, REQUIRED_FILES)
    listing = read_listing(data, toml_path)
    title, difficulty, category, tags = (
        listing.title, listing.difficulty, listing.category, list(listing.tags)
    )
    kind = data.get("kind", "coding")
    if kind not in KINDS:
        raise InvalidPackage(path=toml_path, field="kind", reason=f"must be one of {KINDS}")
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            raise InvalidPackage(
                path=toml_path,
                field="tags",
                reason=f"{tag!r} must be lowercase words joined by hyphens ('point-cloud')",
            )
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(
        isinstance(alias, str) and alias.strip() for alias in aliases
    ):
        raise InvalidPackage(path=toml_path, field="aliases", reason="must be non-empty strings")
    entry = typed_field(data, "entry", str, toml_path)
    if not entry.isidentifier():
        raise InvalidPackage(path=toml_path, field="entry", reason="must be a Python identifier")
    if entry != path.name:
        raise InvalidPackage(
            path=toml_path, field="entry", reason=f"must equal the folder name {path.name!r}"
        )
    time_limit = float(typed_field(data, "time_limit", (int, float), toml_path))
    if not 0 < time_limit <= 60:
        raise InvalidPackage(path=toml_path, field="time_limit", reason="must be in (0, 60]")
    memory_limit = typed_field(data, "memory_limit", int, toml_path)
    if not 16 <= memory_limit <= 8192:
        raise InvalidPackage(
            path=toml_path, field="memory_limit", reason="must be in [16, 8192] MiB"
        )
    checker_table = dict(typed_field(data, "checker", dict, toml_path))
    checker_name = checker_table.pop("name", None)
    if checker_name not in CHECKERS:
        raise InvalidPackage(
            path=toml_path, field="checker.name", reason=f"must be one of {CHECKERS}"
        )
    if checker_name == "custom" and not (path / "checker.py").is_file():
        raise InvalidPackage(path=path / "checker.py", reason="is missing (checker is custom)")
    try:
        runtime = runtime_of(data)
    except SpecError as error:
        raise InvalidPackage(path=toml_path, field=error.field, reason=error.reason) from None
    if (runtime == "torch") != (checker_name == "tensor"):
        raise InvalidPackage(
            path=toml_path,
            field="checker.name",
            reason='"tensor" is the checker of runtime = "torch", and only of it',
        )
    if runtime != "torch" and "torch" in data:
        raise InvalidPackage(path=toml_path, field="torch", reason='needs runtime = "torch"')

    starter = (path / "starter.py").read_text()
    try:
        compile(starter, "starter.py", "exec")
    except SyntaxError as error:
        raise InvalidPackage(
            path=path / "starter.py", reason=f"has a syntax error: {error}"
        ) from None
    tree_defines = f"def {entry}(" in starter
    if not tree_defines:
        raise InvalidPackage(path=path / "starter.py", field=entry, reason="is not defined")
    torch_spec = None
    if runtime == "torch":
        try:
            torch_spec = parse_torch_spec(data, checker_table, _parameters(starter, entry))
        except SpecError as error:
            raise InvalidPackage(path=toml_path, field=error.field, reason=error.reason) from None

    package = ProblemPackage(
        path=path,
        slug=path.name,
        title=title,
        kind=kind,
        difficulty=difficulty,
        category=category,
        tags=tuple(tags),
        entry=entry,
        time_limit=time_limit,
        memory_limit_mb=memory_limit,
        checker=CheckerSpec(name=checker_name, params=checker_table),
        statement=(path / "statement.md").read_text(),
        starter=starter,
        fingerprint=fingerprint(path),
        runtime=runtime,
        torch=torch_spec,
        aliases=tuple(alias.strip() for alias in aliases),
    )
    if runtime == "torch":
        # reference.py imports torch: it is imported when the problem is prepared for grading,
        # so that syncing a catalog (or grading a numpy problem) never loads torch.
        return package
    reference = package.reference()
    if not inspect.isfunction(reference):
        raise InvalidPackage(path=path / "reference.py", field=entry, reason="must be a function")
    return package


def _parameters(starter: str, entry: str) -> list[str]:
    """The entry's argument names, as the starter (the exact signature) declares them."""
    for node in ast.parse(starter).body:
        if isinstance(node, ast.FunctionDef) and node.name == entry:
            arguments = node.args
            return [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
    return []
