"""Static checks of hand-in ONNX files (graders/models/static.py): each refusal names its rule."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from graders.models.contract import classification_contract
from graders.models.refusal import ModelRefused, Rule
from graders.models.static import inspect_model

CONTRACT = classification_contract(image_size=8, classes=4)


def classifier(
    *, domain: str = "", opset: int = 17, output: str = "logits", classes: int = 4
) -> onnx.ModelProto:
    """Conv 3->6 (3x3, pad 1), global average pool, flatten, Gemm 6->classes."""
    rng = np.random.default_rng(0)
    weights = [
        numpy_helper.from_array(rng.normal(size=(6, 3, 3, 3)).astype(np.float32), "conv_w"),
        numpy_helper.from_array(rng.normal(size=(classes, 6)).astype(np.float32), "fc_w"),
        numpy_helper.from_array(np.zeros(classes, np.float32), "fc_b"),
    ]
    nodes = [
        helper.make_node("Conv", ["images", "conv_w"], ["features"], pads=[1, 1, 1, 1]),
        helper.make_node("GlobalAveragePool", ["features"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], [output], transB=1, domain=domain),
    ]
    graph = helper.make_graph(
        nodes,
        "classifier",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, ["N", 3, 8, 8])],
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["N", classes])],
        initializer=weights,
    )
    opsets = [helper.make_opsetid("", opset)]
    if domain:
        opsets.append(helper.make_opsetid(domain, 1))
    return helper.make_model(graph, opset_imports=opsets)


def refused(data: bytes) -> Rule:
    with pytest.raises(ModelRefused) as caught:
        inspect_model(data, CONTRACT)
    assert caught.value.message
    return caught.value.rule


def test_a_valid_classifier_gets_its_card() -> None:
    card = inspect_model(classifier().SerializeToString(), CONTRACT)
    assert card.params == 6 * 3 * 3 * 3 + 4 * 6 + 4
    # conv: 6 x 3 x 3 x 3 per pixel over 8 x 8 pixels; gemm: 6 x 4 (batch of one)
    assert card.macs >= 6 * 27 * 64
    assert card.quantised is False or not card.quantised
    assert card.ops["Conv"] == 1


def test_a_truncated_file_is_refused_as_format() -> None:
    data = classifier().SerializeToString()
    assert refused(data[: len(data) // 2]) in (Rule.FORMAT, Rule.GRAPH)


def test_an_external_data_reference_is_refused_and_never_opened() -> None:
    model = classifier()
    tensor = model.graph.initializer[0]
    tensor.ClearField("raw_data")
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", "../../../../etc/shadow"
    assert refused(model.SerializeToString()) == Rule.EXTERNAL_DATA


def test_a_custom_op_domain_is_refused() -> None:
    assert refused(classifier(domain="evil.custom").SerializeToString()) == Rule.DOMAIN


def test_an_opset_outside_the_range_is_refused() -> None:
    assert refused(classifier(opset=9).SerializeToString()) == Rule.OPSET


def test_the_wrong_output_name_or_classes_break_the_contract() -> None:
    assert refused(classifier(output="scores").SerializeToString()) == Rule.OUTPUTS
    assert refused(classifier(classes=5).SerializeToString()) == Rule.OUTPUTS


def test_a_file_over_the_size_cap_is_refused_before_parsing() -> None:
    with pytest.raises(ModelRefused) as caught:
        inspect_model(classifier().SerializeToString(), CONTRACT, max_bytes=100)
    assert caught.value.rule == Rule.SIZE


def test_a_huge_initializer_claim_is_refused() -> None:
    model = classifier()
    tensor = model.graph.initializer[0]
    del tensor.dims[:]
    tensor.dims.extend([1 << 20, 1 << 10, 1, 1])  # claims 4 GiB, holds a few hundred bytes
    assert refused(model.SerializeToString()) in (Rule.INITIALIZER, Rule.SIZE)
