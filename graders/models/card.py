"""The model card of a hand-in: what the reviewer and the candidate see before any metric.

MACs are counted from the graph with shapes inferred for one image: a Conv costs its output
elements times (input channels per group x kernel area), a Gemm or MatMul its output elements
times the shared dimension; the integer and QLinear forms count the same as their float ones.
Operators inside Loop, If and Scan bodies are not counted (their trip counts are not static).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from onnx import ModelProto, TensorProto, ValueInfoProto

from graders.models.tensors import all_nodes

_CONV = {"Conv", "ConvInteger", "QLinearConv", "FusedConv", "NhwcConv"}
_MATMUL = {
    "MatMul",
    "MatMulInteger",
    "QLinearMatMul",
    "MatMulIntegerToFloat",
    "DynamicQuantizeMatMul",
    "FusedMatMul",
}
_GEMM = {"Gemm", "QGemm"}
# QLinearConv, QLinearMatMul and QGemm carry their weight at input 3 (after x, x_scale,
# x_zero_point); every other form at input 1.
_WEIGHT_INPUT = {"QLinearConv": 3, "QLinearMatMul": 3, "QGemm": 3}
QDQ_OPS = {"QuantizeLinear", "DequantizeLinear"}
INTEGER_OPS = {"ConvInteger", "MatMulInteger", "DynamicQuantizeLinear", "MatMulIntegerToFloat"}


@dataclass(frozen=True)
class TensorSpec:
    name: str
    dtype: str
    shape: tuple[int | str | None, ...] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dtype": self.dtype,
            "shape": None if self.shape is None else list(self.shape),
        }


@dataclass(frozen=True)
class ModelCard:
    size_bytes: int
    sha256: str
    ir_version: int
    opset: int
    producer: str
    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]
    ops: dict[str, int]  # op type (domain-prefixed outside the default domain) -> count
    params: int
    macs: int  # per image
    quantised: str | None  # "qdq", "qoperator" or None
    precision: str  # "int8", "float16" or "float32"

    def to_json(self) -> dict[str, Any]:
        return {
            "size_bytes": self.size_bytes,
            "sha256": self.sha256,
            "ir_version": self.ir_version,
            "opset": self.opset,
            "producer": self.producer,
            "inputs": [spec.to_json() for spec in self.inputs],
            "outputs": [spec.to_json() for spec in self.outputs],
            "ops": dict(self.ops),
            "params": self.params,
            "macs": self.macs,
            "quantised": self.quantised,
            "precision": self.precision,
        }


def _shapes(model: ModelProto) -> dict[str, tuple[int, ...]]:
    shapes: dict[str, tuple[int, ...]] = {}
    values: list[ValueInfoProto] = [
        *model.graph.input,
        *model.graph.value_info,
        *model.graph.output,
    ]
    for value in values:
        tensor = value.type.tensor_type
        if value.type.HasField("tensor_type") and tensor.HasField("shape"):
            dims = tensor.shape.dim
            if all(dim.HasField("dim_value") for dim in dims):
                shapes[value.name] = tuple(dim.dim_value for dim in dims)
    for initializer in model.graph.initializer:
        shapes[initializer.name] = tuple(initializer.dims)
    return shapes


def count_macs(inferred: ModelProto) -> int:
    """Multiply-accumulates for one image, from a model whose shapes were inferred at N = 1."""
    shapes = _shapes(inferred)
    total = 0
    for node in inferred.graph.node:  # top level only: see the module docstring
        weight = None
        if len(node.input) > _WEIGHT_INPUT.get(node.op_type, 1):
            weight = shapes.get(node.input[_WEIGHT_INPUT.get(node.op_type, 1)])
        if node.op_type in _CONV:
            out = shapes.get(node.output[0]) if node.output else None
            if out is not None and weight is not None and len(weight) >= 3:
                total += math.prod(out) * math.prod(weight[1:])
        elif node.op_type == "ConvTranspose":
            source = shapes.get(node.input[0])
            if source is not None and weight is not None:
                total += math.prod(source) * math.prod(weight[1:])
        elif node.op_type in _MATMUL | _GEMM:
            # (..., K) x (K, N): the left operand's elements times N (output shapes of the
            # contrib ops are not inferred by onnx, so they are not needed here)
            left = shapes.get(node.input[0])
            if left and weight and len(weight) >= 2:
                trans_b = any(a.name == "transB" and a.i for a in node.attribute)
                columns = weight[-2] if node.op_type in _GEMM and trans_b else weight[-1]
                total += math.prod(left) * columns
    return total


def quantisation_of(model: ModelProto) -> tuple[str | None, str]:
    """("qdq" | "qoperator" | None, precision of the weights)."""
    ops = {node.op_type for node in all_nodes(model.graph)}
    if ops & INTEGER_OPS or any(op.startswith("QLinear") or op == "QGemm" for op in ops):
        quantised: str | None = "qoperator"
    elif ops & QDQ_OPS:
        quantised = "qdq"
    else:
        quantised = None
    weight_types = {tensor.data_type for tensor in model.graph.initializer if len(tensor.dims)}
    if quantised and weight_types & {TensorProto.INT8, TensorProto.UINT8}:
        precision = "int8"
    elif TensorProto.FLOAT16 in weight_types and TensorProto.FLOAT not in weight_types:
        precision = "float16"
    else:
        precision = "float32"
    return quantised, precision
