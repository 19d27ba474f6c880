"""Pipeline specs: every bad field gets a message keyed by its path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from graders.design import SpecError, load_design
from graders.design.package import DesignPackage

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def package() -> DesignPackage:
    return load_design(REPO / "problems" / "design_multicam_detection")


@pytest.fixture
def good(package: DesignPackage) -> dict[str, Any]:
    return copy.deepcopy(package.model_spec.to_json())


def errors_of(package: DesignPackage, spec: Any) -> dict[str, str]:
    with pytest.raises(SpecError) as caught:
        package.check_spec(spec)
    return caught.value.errors


def test_the_model_spec_round_trips_through_yaml(package: DesignPackage) -> None:
    assert package.check_spec(package.model_spec.to_yaml()) == package.model_spec


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        (("stages", 2, "model"), "yolov99", "stages[2].model", "unknown model"),
        (("stages", 2, "model"), "resnet50-fp16", "stages[2].model", "classification model"),
        (("stages", 2, "device"), "a100", "stages[2].device", "no figures"),
        (("stages", 0, "device"), "a100", "stages[0].device", "decode cannot run on"),
        (("stages", 1, "replicas"), -2, "stages[1].replicas", "between 1"),
        (("stages", 1, "replicas"), 2.5, "stages[1].replicas", "whole number"),
        (("stages", 1, "replicas"), "many", "stages[1].replicas", "whole number"),
        (("stages", 2, "batch_size"), 64, "stages[2].batch_size", "profiled up to batch 32"),
        (("stages", 2, "batch_timeout_ms"), -1, "stages[2].batch_timeout_ms", "between"),
        (("stages", 2, "kind"), "magic", "stages[2].kind", "must be one of"),
        (("stages", 3, "name"), "Not OK!", "stages[3].name", "lowercase"),
        (("stages", 3, "name"), "decode", "stages[3].name", "duplicate"),
        (("sample_every",), 0, "sample_every", "between 1"),
    ],
)
def test_bad_fields_are_named(package: DesignPackage, good: dict[str, Any], path: tuple[Any, ...],
                              value: Any, field: str, message: str) -> None:
    target = good
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = errors_of(package, good)
    assert field in errors, errors
    assert message in errors[field]


def test_a_stage_that_cannot_keep_up_says_how_many_replicas_it_needs(
    package: DesignPackage, good: dict[str, Any]
) -> None:
    good["stages"][2]["replicas"] = 2
    errors = errors_of(package, good)
    assert "cannot keep up" in errors["stages[2].replicas"]
    assert "needs at least 8 replicas" in errors["stages[2].replicas"]


def test_frame_sampling_lowers_the_load_a_stage_must_carry(
    package: DesignPackage, good: dict[str, Any]
) -> None:
    good["stages"][2]["replicas"] = 4
    good["sample_every"] = 2
    assert package.check_spec(good).sample_every == 2


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (None, "spec"),
        ([1, 2], "spec"),
        ({"stages": []}, "stages"),
        ({"stages": "decode"}, "stages"),
        ({"stages": [7]}, "stages[0]"),
        ({"stages": [{"kind": "decode", "device": "nvdec", "replicas": 9}], "extra": 1}, "spec"),
    ],
)
def test_malformed_specs(package: DesignPackage, spec: Any, field: str) -> None:
    assert field in errors_of(package, spec)


def test_shape_rules(package: DesignPackage, good: dict[str, Any]) -> None:
    no_inference = {**good, "stages": [s for s in good["stages"] if s["kind"] != "inference"]}
    assert "exactly one" in errors_of(package, no_inference)["stages"]
    decode_not_first = {**good, "stages": good["stages"][1:] + good["stages"][:1]}
    assert "first stage" in errors_of(package, decode_not_first)["stages[0].kind"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("stages: [", "line"),
        ("!!python/object/apply:os.system ['echo hi']", "line"),
        ("x" * 30_000, "longer than"),
    ],
)
def test_yaml_errors_name_the_line_and_never_run_code(package: DesignPackage, text: str,
                                                     message: str) -> None:
    assert message in errors_of(package, text)["yaml"]


def test_device_unit_limits_on_an_edge_module(package: DesignPackage, good: dict[str, Any]) -> None:
    # The Orin Nano's single NVDEC cannot be asked for twice.
    good["stages"][0] = {"name": "decode", "kind": "decode", "device": "orin-nano-nvdec",
                         "replicas": 2}
    errors = errors_of(package, good)
    assert "1 unit(s) in all" in errors["stages[0].replicas"]


def test_a_billion_laughs_spec_is_refused_quickly(package: DesignPackage) -> None:
    """Aliases nest a list 9 levels deep (10**9 leaves if expanded); messages stay short."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("stages:")
    lines.append("  - {kind: decode, device: *a9, model: *a9, name: *a9, replicas: *a9}")
    errors = errors_of(package, "\n".join(lines))
    assert all(len(message) < 300 for message in errors.values())
    assert "a list" in errors["stages[0].device"]
