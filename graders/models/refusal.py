"""Refusal and ModelRefused: why a hand-in model is not run or not scored, naming the rule."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Rule(enum.StrEnum):
    """Every rule a model hand-in is checked against, before or while it runs."""

    SIZE = "size"  # the file is over the size cap
    FORMAT = "format"  # not a readable ONNX ModelProto (truncated, not protobuf, not ONNX)
    EXTERNAL_DATA = "external_data"  # a tensor's bytes live in another file
    INITIALIZER = "initializer"  # a tensor whose declared size is not the bytes it holds
    OPSET = "opset"  # the default-domain opset is outside the stated range
    DOMAIN = "domain"  # an op domain that ONNX Runtime's CPU provider does not ship
    GRAPH = "graph"  # the ONNX checker or shape inference refuses the graph
    TENSOR_SIZE = "tensor_size"  # an intermediate tensor inferred over the element cap
    INPUTS = "inputs"  # the declared inputs break the template's I/O contract
    OUTPUTS = "outputs"  # the declared outputs break the template's I/O contract
    LOAD = "load"  # ONNX Runtime refused to build a session from the file
    RUNTIME = "runtime"  # the run failed (an operator error, a crash of onnxruntime)
    MEMORY = "memory"  # the run needed more memory than the limit
    TIME = "time"  # the run went over its CPU or wall limit
    OUTPUT_VALUES = "output_values"  # outputs of the wrong shape or dtype, or not finite
    DETERMINISM = "determinism"  # the timed run's outputs differ from the accuracy run's
    CACHE = "cache"  # a repeated input ran much faster than distinct ones: a cache, not speed


@dataclass(frozen=True)
class Refusal:
    """The plain result form of a refusal (graders.models.ModelRun carries one)."""

    rule: Rule
    message: str

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule.value, "message": self.message}


class ModelRefused(Exception):
    """A hand-in model broke ``rule``; ``message`` says how, in words a candidate can act on."""

    def __init__(self, rule: Rule, message: str) -> None:
        super().__init__(f"{rule.value}: {message}")
        self.rule = rule
        self.message = message

    @property
    def refusal(self) -> Refusal:
        return Refusal(self.rule, self.message)

    def to_json(self) -> dict[str, str]:
        return self.refusal.to_json()
