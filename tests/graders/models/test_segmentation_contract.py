"""Segmentation model hand-ins: the (N, K, H, W) contract checked statically and on the
outputs that come back (in the trusted process), their size bounded while they arrive."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from graders.models import IOContract, Rule, evaluate_model, inspect_model
from graders.models.contract import MAX_OUTPUT_BYTES_PER_IMAGE
from graders.models.refusal import ModelRefused
from graders.models.run import _check_logits
from tests.graders.conftest import require_sandbox
from tests.graders.models.segmentation_builders import (
    CLASSES,
    CONTRACT,
    SIZE,
    conv_segmenter,
    dense_model,
    images,
    pointwise,
    with_output_node,
)


def _refusal(model: onnx.ModelProto) -> ModelRefused:
    with pytest.raises(ModelRefused) as caught:
        inspect_model(model.SerializeToString(), CONTRACT.io)
    return caught.value


# --- the contract, statically -----------------------------------------------------------


def test_the_contract_states_per_pixel_logits() -> None:
    assert CONTRACT.io.describe() == (
        f"input 'images' float32 (N, 3, {SIZE}, {SIZE}) with N dynamic; "
        f"output 'logits' float32 (N, {CLASSES}, {SIZE}, {SIZE})"
    )
    card = inspect_model(conv_segmenter().SerializeToString(), CONTRACT.io)
    assert card.outputs[0].shape == ("N", CLASSES, SIZE, SIZE)


@pytest.mark.parametrize(
    "shape",
    [["N", CLASSES], ["N", SIZE, SIZE], ["N", CLASSES, SIZE, SIZE + 1], ["N", SIZE, SIZE, CLASSES]],
    ids=["N,K", "N,H,W", "wrong-width", "channels-last"],
)
def test_a_declared_output_of_another_shape_is_refused(shape: list[int | str]) -> None:
    nodes, tensors = pointwise(np.ones((CLASSES, 3)), np.zeros(CLASSES))
    refused = _refusal(dense_model(nodes, tensors, output_shape=shape))
    assert refused.rule == Rule.OUTPUTS
    assert f"(N, {CLASSES}, {SIZE}, {SIZE})" in refused.message


def test_a_declared_output_of_another_dtype_is_refused() -> None:
    nodes, tensors = pointwise(np.ones((CLASSES, 3)), np.zeros(CLASSES), output="scores")
    nodes.append(helper.make_node("Cast", ["scores"], ["logits"], to=TensorProto.FLOAT16))
    refused = _refusal(dense_model(nodes, tensors, output_type=TensorProto.FLOAT16))
    assert refused.rule == Rule.OUTPUTS and "float32" in refused.message


def test_an_output_inferred_to_another_size_is_refused() -> None:
    # Declared (N, K, H, W), but a stride-2 convolution makes it (N, K, H/2, W/2).
    nodes, tensors = pointwise(np.ones((CLASSES, 3)), np.zeros(CLASSES))
    nodes[0].attribute.append(helper.make_attribute("strides", [2, 2]))
    refused = _refusal(dense_model(nodes, tensors))
    assert refused.rule in (Rule.OUTPUTS, Rule.GRAPH)


def test_a_template_whose_outputs_would_be_too_large_is_refused_when_it_loads() -> None:
    with pytest.raises(ValueError, match="bytes per image"):
        IOContract("images", 3, 256, 256, "logits", 8, dense=True)
    assert MAX_OUTPUT_BYTES_PER_IMAGE >= 4 * 16 * 128 * 128


# --- the outputs that come back, checked in the trusted process ---------------------------


@pytest.mark.parametrize(
    ("chunk", "words"),
    [
        (np.zeros((2, 1, CLASSES), np.float32), "must have shape"),  # (N, K)
        (np.zeros((2, 1, SIZE, SIZE), np.float32), "must have shape"),  # (N, H, W)
        (np.zeros((2, 1, CLASSES, SIZE, SIZE), np.float64), "float32"),
        (np.full((2, 1, CLASSES, SIZE, SIZE), np.nan, np.float32), "NaN"),
    ],
    ids=["N,K", "N,H,W", "float64", "NaN"],
)
def test_returned_outputs_of_the_wrong_shape_dtype_or_values_are_refused(
    chunk: np.ndarray, words: str
) -> None:
    with pytest.raises(ModelRefused, match=words) as caught:
        _check_logits(chunk, CONTRACT)
    assert caught.value.rule == Rule.OUTPUT_VALUES


def test_nan_logits_from_the_sandbox_are_refused() -> None:
    require_sandbox()
    nodes, tensors = pointwise(np.ones((CLASSES, 3)), np.zeros(CLASSES), output="scores")
    tensors.append(numpy_helper.from_array(np.array(-1.0, np.float32), "minus_one"))
    nodes += [
        helper.make_node("Mul", ["scores", "minus_one"], ["negative"]),
        helper.make_node("Sqrt", ["negative"], ["logits"]),  # sqrt of < 0: NaN
    ]
    run = evaluate_model(
        model_bytes=dense_model(nodes, tensors).SerializeToString(),
        contract=CONTRACT,
        inputs=images(4) + 0.1,
        latency=None,
    )
    assert run.refusal is not None and run.refusal.rule == Rule.OUTPUT_VALUES
    assert "NaN" in run.refusal.message and run.outputs is None


def test_outputs_larger_than_the_contract_are_cut_off_while_they_arrive() -> None:
    require_sandbox()
    # Tile by a factor computed from the pixels: shape inference cannot size it, so the
    # static checks pass, and each image returns 64 times the contract's logits.
    model = with_output_node(
        conv_segmenter(),
        helper.make_node("Tile", ["raw", "repeats"], ["logits"]),
    )
    tensors = [numpy_helper.from_array(np.array([1, 1, 0, 0], np.int64), "base")]
    tensors.append(numpy_helper.from_array(np.array([0, 0, 8, 8], np.int64), "scale"))
    model.graph.initializer.extend(tensors)
    model.graph.node.insert(0, helper.make_node("ReduceMax", ["images"], ["peak"], keepdims=0))
    model.graph.node.insert(1, helper.make_node("Ceil", ["peak"], ["one"]))  # pixels in (0, 1): one
    model.graph.node.insert(2, helper.make_node("Cast", ["one"], ["one_int"], to=7))
    model.graph.node.insert(3, helper.make_node("Mul", ["scale", "one_int"], ["scaled"]))
    model.graph.node.insert(4, helper.make_node("Add", ["base", "scaled"], ["repeats"]))
    data = model.SerializeToString()
    inspect_model(data, CONTRACT.io)  # statically fine
    run = evaluate_model(
        model_bytes=data, contract=CONTRACT, inputs=images(16) * 0.5 + 0.1, latency=None
    )
    assert run.refusal is not None and run.refusal.rule == Rule.OUTPUT_VALUES
    assert "returned more than the template's outputs" in run.refusal.message
