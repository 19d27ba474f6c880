"""Design prompt packages: ``problems/<slug>/`` with ``kind = "design"``.

Files: problem.toml (metadata, [requirements], [simulation], [[rubric]]), prompt.md, and what
stays hidden until the candidate has submitted: model_answer.md and model_spec.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graders.design.catalog import DEFAULT_PATH, TASKS, Catalog, load_catalog
from graders.design.evaluate import DesignReport, evaluate
from graders.design.requirements import (
    Requirements,
    SimulationSettings,
    parse_requirements,
    parse_simulation,
)
from graders.design.spec import PipelineSpec, SpecError, load_yaml, parse_spec
from graders.package import InvalidPackage, files_digest, read_listing, read_problem_toml

DESIGN_FILES = ("problem.toml", "prompt.md", "model_answer.md", "model_spec.yaml")


@dataclass(frozen=True)
class RubricItem:
    id: str
    title: str
    points: int
    strong_answer: str

    def to_json(self, *, with_answer: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "points": self.points}
        if with_answer:
            data["strong_answer"] = self.strong_answer
        return data


@dataclass(frozen=True)
class DesignPackage:
    path: Path
    slug: str
    title: str
    kind: str
    difficulty: str
    category: str
    tags: tuple[str, ...]
    prompt: str
    requirements: Requirements
    simulation: SimulationSettings
    rubric: tuple[RubricItem, ...]
    model_answer: str
    model_spec: PipelineSpec
    starter_spec: str
    fingerprint: str
    catalog: Catalog

    def check_spec(self, data: Any) -> PipelineSpec:
        """A spec (mapping, or YAML text) checked against this prompt; raises SpecError."""
        if isinstance(data, str):
            data = load_yaml(data)
        return parse_spec(data, self.catalog, self.requirements)

    def evaluate(self, spec: PipelineSpec) -> DesignReport:
        return evaluate(spec, self.catalog, self.requirements, self.simulation)


def _fingerprint(path: Path, catalog_path: Path) -> str:
    wrong = sorted(path.glob("wrong_specs/*.yaml"))
    return files_digest([*(path / name for name in DESIGN_FILES), *wrong, catalog_path])


def _rubric(items: Any, path: Path) -> tuple[RubricItem, ...]:
    if not isinstance(items, list) or not items:
        raise InvalidPackage(path=path, field="rubric", reason="needs at least one [[rubric]] item")
    rubric = []
    for index, raw in enumerate(items):
        where = f"rubric[{index}]"
        if not isinstance(raw, dict):
            raise InvalidPackage(path=path, field=where, reason="must be a table")
        item_id, title = raw.get("id"), raw.get("title")
        points, answer = raw.get("points"), raw.get("strong_answer")
        if not isinstance(item_id, str) or not item_id.isidentifier():
            raise InvalidPackage(path=path, field=f"{where}.id", reason="must be an identifier")
        if not isinstance(title, str) or not title.strip():
            raise InvalidPackage(path=path, field=f"{where}.title", reason="is required")
        if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= 20:
            raise InvalidPackage(path=path, field=f"{where}.points", reason="must be 1..20")
        if not isinstance(answer, str) or not answer.strip():
            raise InvalidPackage(path=path, field=f"{where}.strong_answer", reason="is required")
        rubric.append(RubricItem(item_id, title.strip(), points, answer.strip()))
    ids = [item.id for item in rubric]
    if len(set(ids)) != len(ids):
        raise InvalidPackage(path=path, field="rubric", reason="item ids must be unique")
    return tuple(rubric)


def load_design(path: Path | str, catalog_path: Path | None = None) -> DesignPackage:
    """Read and validate a design package; its model spec must meet its own requirements."""
    path = Path(path).resolve()
    toml_path, data = read_problem_toml(path, DESIGN_FILES)
    if data.get("kind") != "design":
        raise InvalidPackage(path=toml_path, field="kind", reason="must be 'design'")
    listing = read_listing(data, toml_path, default_category="system-design")
    task = data.get("task")
    if task not in TASKS:
        raise InvalidPackage(path=toml_path, field="task", reason=f"must be one of {TASKS}")
    catalog_path = catalog_path or _catalog_path(path)
    catalog = load_catalog(catalog_path)
    requirements = parse_requirements(data.get("requirements"), task, catalog.resolutions,
                                      catalog.devices, toml_path)
    simulation = parse_simulation(data.get("simulation"), toml_path)
    spec_path = path / "model_spec.yaml"
    try:
        model_spec = parse_spec(load_yaml(spec_path.read_text()), catalog, requirements)
    except SpecError as error:
        raise InvalidPackage(path=spec_path, reason=f"is not a valid spec: {error}") from None
    starter = path / "starter_spec.yaml"
    return DesignPackage(
        path=path,
        slug=path.name,
        title=listing.title,
        kind="design",
        difficulty=listing.difficulty,
        category=listing.category,
        tags=listing.tags,
        prompt=(path / "prompt.md").read_text(),
        requirements=requirements,
        simulation=simulation,
        rubric=_rubric(data.get("rubric"), toml_path),
        model_answer=(path / "model_answer.md").read_text(),
        model_spec=model_spec,
        starter_spec=starter.read_text() if starter.is_file() else "",
        fingerprint=_fingerprint(path, catalog_path),
        catalog=catalog,
    )


def _catalog_path(path: Path) -> Path:
    """The catalog beside the package (problems/components/), else the repository's."""
    local = path.parent / "components" / "catalog.yaml"
    return local if local.is_file() else DEFAULT_PATH
