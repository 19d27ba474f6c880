"""Small segmentation ONNX models built with onnx.helper (per-pixel logits (N, K, H, W))."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from graders.models import ModelContract, segmentation_contract

SIZE = 8
CLASSES = 3  # background and two shapes
CONTRACT = ModelContract(
    io=segmentation_contract(image_size=SIZE, classes=CLASSES),
    memory_limit_mb=256,
    query_seconds=0.05,
    load_seconds=2.0,
)


def dense_model(
    nodes: list[onnx.NodeProto],
    initializers: list[TensorProto] = (),  # type: ignore[assignment]
    *,
    output_type: int = TensorProto.FLOAT,
    output_shape: list[int | str | None] | None = None,
    size: int = SIZE,
) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes,
        "segmentation-test",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 3, size, size])],
        [
            helper.make_tensor_value_info(
                "logits", output_type, output_shape or ["N", CLASSES, size, size]
            )
        ],
        initializer=list(initializers),
    )
    made = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    made.ir_version = 8
    return made


def pointwise(
    weights: np.ndarray, bias: np.ndarray, *, size: int = SIZE, output: str = "logits"
) -> tuple[list[onnx.NodeProto], list[TensorProto]]:
    """A 1 x 1 convolution from RGB to per-pixel class scores."""
    classes = len(bias)
    tensors = [
        numpy_helper.from_array(weights.reshape(classes, 3, 1, 1).astype(np.float32), "w"),
        numpy_helper.from_array(bias.astype(np.float32), "b"),
    ]
    return [helper.make_node("Conv", ["images", "w", "b"], [output])], tensors


def conv_segmenter(seed: int = 0, *, size: int = SIZE) -> onnx.ModelProto:
    """A random 1 x 1 convolution: scores each pixel by its colour."""
    rng = np.random.default_rng(seed)
    nodes, tensors = pointwise(rng.normal(size=(CLASSES, 3)), rng.normal(size=CLASSES), size=size)
    return dense_model(nodes, tensors, size=size)


def images(count: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((count, 3, SIZE, SIZE), dtype=np.float32)


def with_output_node(model: onnx.ModelProto, node: onnx.NodeProto) -> onnx.ModelProto:
    """``model`` with ``node`` appended, reading its old output ``logits`` as ``raw``."""
    changed = onnx.ModelProto()
    changed.CopyFrom(model)
    for existing in changed.graph.node:
        existing.output[:] = ["raw" if name == "logits" else name for name in existing.output]
        existing.input[:] = ["raw" if name == "logits" else name for name in existing.input]
    changed.graph.node.append(node)
    return changed
