"""Small ONNX models built with onnx.helper for the model tests (nothing is downloaded)."""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from graders.models import ModelContract, classification_contract

SIZE = 8
CLASSES = 4
CONTRACT = ModelContract(
    io=classification_contract(image_size=SIZE, classes=CLASSES),
    memory_limit_mb=256,
    query_seconds=0.05,
    load_seconds=2.0,
)


def images(count: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((count, 3, SIZE, SIZE), dtype=np.float32)


def model(
    nodes: list[onnx.NodeProto],
    initializers: list[TensorProto] = (),  # type: ignore[assignment]
    *,
    output_type: int = TensorProto.FLOAT,
    output_shape: list[int | str] | None = None,
    opsets: list[onnx.OperatorSetIdProto] | None = None,
    size: int = SIZE,
    classes: int = CLASSES,
) -> onnx.ModelProto:
    graph = helper.make_graph(
        nodes,
        "test",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 3, size, size])],
        [helper.make_tensor_value_info("logits", output_type, output_shape or ["N", classes])],
        initializer=list(initializers),
    )
    made = helper.make_model(graph, opset_imports=opsets or [helper.make_opsetid("", 17)])
    made.ir_version = 8
    return made


def conv_net(
    seed: int = 0, channels: int = 6, size: int = SIZE, classes: int = CLASSES
) -> onnx.ModelProto:
    """Conv 3->channels (3x3, pad 1), ReLU, global average pool, flatten, Gemm -> logits."""
    rng = np.random.default_rng(seed)
    weights = [
        numpy_helper.from_array(rng.normal(size=(channels, 3, 3, 3)).astype(np.float32), "conv_w"),
        numpy_helper.from_array(rng.normal(size=(channels,)).astype(np.float32), "conv_b"),
        numpy_helper.from_array(rng.normal(size=(classes, channels)).astype(np.float32), "fc_w"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc_b"),
    ]
    nodes = [
        helper.make_node("Conv", ["images", "conv_w", "conv_b"], ["conv"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["conv"], ["features"]),
        helper.make_node("GlobalAveragePool", ["features"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"], transB=1),
    ]
    return model(nodes, weights, size=size, classes=classes)


def conv_net_bytes(seed: int = 0, channels: int = 6) -> bytes:
    return conv_net(seed, channels).SerializeToString()
