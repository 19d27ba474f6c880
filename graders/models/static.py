"""Static checks of a hand-in ONNX file, in the trusted process, before anything runs it.

The file is parsed from bytes (``onnx.load_model_from_string`` never follows external-data
references) and then checked rule by rule; the first broken rule raises ModelRefused naming it.
A model that passes gets its ModelCard: I/O, ops histogram, parameters, MACs, precision, size.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter

import onnx
from google.protobuf.message import DecodeError
from onnx import ModelProto, TensorProto, ValueInfoProto

from graders.models.card import ModelCard, TensorSpec, count_macs, quantisation_of
from graders.models.contract import (
    ALLOWED_DOMAINS,
    MAX_MODEL_BYTES,
    MAX_TENSOR_ELEMENTS,
    OPSET_RANGE,
    IOContract,
)
from graders.models.refusal import ModelRefused, Rule
from graders.models.tensors import (
    WEIGHT_TYPES,
    all_nodes,
    check_declared_size,
    check_self_contained,
    graph_tensors,
)

DEFAULT_DOMAINS = ("", "ai.onnx")
ALLOWED_NAMES = ", ".join(sorted({domain or "ai.onnx" for domain in ALLOWED_DOMAINS}))


def parse_model(data: bytes, *, max_bytes: int = MAX_MODEL_BYTES) -> ModelProto:
    if len(data) > max_bytes:
        raise ModelRefused(
            Rule.SIZE, f"the file is {len(data):,} bytes; the cap is {max_bytes:,} bytes"
        )
    if not data:
        raise ModelRefused(Rule.FORMAT, "the file is empty")
    try:
        model = onnx.load_model_from_string(data)
    except (DecodeError, ValueError, RuntimeError) as error:
        raise ModelRefused(
            Rule.FORMAT, f"not a readable ONNX model (truncated or not protobuf): {error}"[:300]
        ) from None
    if not model.HasField("graph") or not model.graph.node:
        raise ModelRefused(Rule.FORMAT, "the file holds no ONNX graph (truncated or not ONNX)")
    return model


def _check_tensors(model: ModelProto, max_bytes: int) -> None:
    for where, tensor in graph_tensors(model.graph):
        check_self_contained(where, tensor)
        check_declared_size(where, tensor, max_bytes)


def _check_opsets(model: ModelProto, opset_range: tuple[int, int]) -> int:
    if model.functions:
        raise ModelRefused(
            Rule.DOMAIN,
            f"the model defines {len(model.functions)} local function(s) (domain "
            f"{model.functions[0].domain!r}); only the operators ONNX Runtime ships may be used",
        )
    default = None
    for entry in model.opset_import:
        # An imported domain that no node uses needs no kernel (onnxruntime.quantization's
        # pre-processing declares several): only the domains of nodes are judged, below.
        if entry.domain in DEFAULT_DOMAINS:
            default = int(entry.version)
    low, high = opset_range
    if default is None or not low <= default <= high:
        raise ModelRefused(
            Rule.OPSET,
            f"the default-domain opset is {default}; it must be in [{low}, {high}] "
            f"(torch.onnx.export(..., opset_version={min(max(17, low), high)}))",
        )
    for node in all_nodes(model.graph):
        if node.domain not in ALLOWED_DOMAINS:
            raise ModelRefused(
                Rule.DOMAIN,
                f"node {node.name or node.op_type!r} uses op {node.op_type!r} of domain "
                f"{node.domain!r}, which ONNX Runtime's CPU provider does not ship (allowed: "
                f"{ALLOWED_NAMES}); custom-op libraries are never loaded",
            )
    return default


def _shape(value: ValueInfoProto) -> tuple[int | str | None, ...] | None:
    if not value.type.HasField("tensor_type"):
        return None
    tensor = value.type.tensor_type
    if not tensor.HasField("shape"):
        return None
    dims: list[int | str | None] = []
    for dim in tensor.shape.dim:
        if dim.HasField("dim_value"):
            dims.append(dim.dim_value)
        elif dim.HasField("dim_param"):
            dims.append(dim.dim_param)
        else:
            dims.append(None)
    return tuple(dims)


def _spec(value: ValueInfoProto) -> TensorSpec:
    elem = value.type.tensor_type.elem_type if value.type.HasField("tensor_type") else 0
    return TensorSpec(
        name=value.name,
        dtype=TensorProto.DataType.Name(elem).lower() if elem else "not a tensor",
        shape=_shape(value),
    )


def _check_one(
    rule: Rule, values: list[ValueInfoProto], name: str, dims: tuple[int | None, ...]
) -> None:
    """``dims``: the contract's shape, None where the dimension must be dynamic."""
    kind = "input" if rule == Rule.INPUTS else "output"
    if len(values) != 1 or values[0].name != name:
        found = [value.name for value in values]
        raise ModelRefused(rule, f"the model must have exactly one {kind} {name!r}; it has {found}")
    spec = _spec(values[0])
    if spec.dtype != "float":
        raise ModelRefused(rule, f"{kind} {name!r} must be float32, not {spec.dtype}")
    shape = spec.shape
    wanted = "(" + ", ".join("N" if d is None else str(d) for d in dims) + ")"
    if shape is None or len(shape) != len(dims):
        raise ModelRefused(rule, f"{kind} {name!r} must have shape {wanted}, not {shape}")
    for index, (have, want) in enumerate(zip(shape, dims, strict=True)):
        if want is None and isinstance(have, int):
            raise ModelRefused(
                rule,
                f"{kind} {name!r} dimension {index} must be dynamic (export with "
                f"dynamic_axes={{{name!r}: {{0: 'N'}}}}), not fixed at {have}",
            )
        if want is not None and have != want and not (rule == Rule.OUTPUTS and have is None):
            raise ModelRefused(
                rule, f"{kind} {name!r} has shape {shape}; the template needs {wanted}"
            )


def _check_io(model: ModelProto, contract: IOContract) -> None:
    initialised = {tensor.name for tensor in model.graph.initializer}
    inputs = [value for value in model.graph.input if value.name not in initialised]
    _check_one(
        Rule.INPUTS,
        inputs,
        contract.input_name,
        (None, contract.channels, contract.height, contract.width),
    )
    _check_one(
        Rule.OUTPUTS, list(model.graph.output), contract.output_name, (None, *contract.output_shape)
    )


def _batch_of_one(model: ModelProto, contract: IOContract) -> ModelProto:
    """A copy with N fixed to 1, so shape inference yields concrete sizes for the MACs."""
    fixed = ModelProto()
    fixed.CopyFrom(model)
    for value in fixed.graph.input:
        if value.name == contract.input_name:
            dim = value.type.tensor_type.shape.dim[0]
            dim.Clear()
            dim.dim_value = 1
    return fixed


def _infer(model: ModelProto, contract: IOContract) -> ModelProto:
    try:
        onnx.checker.check_model(model)
        inferred = onnx.shape_inference.infer_shapes(
            _batch_of_one(model, contract), check_type=True, strict_mode=True, data_prop=True
        )
    except (onnx.checker.ValidationError, onnx.shape_inference.InferenceError) as error:
        message = f"the ONNX checker refuses the graph: {error}"[:600]
        raise ModelRefused(Rule.GRAPH, message) from None
    except (RuntimeError, ValueError) as error:  # onnx raises these for some malformed graphs
        raise ModelRefused(Rule.GRAPH, f"the graph cannot be analysed: {error}"[:600]) from None
    for value in [*inferred.graph.value_info, *inferred.graph.output]:
        shape = _shape(value)
        if shape and all(isinstance(d, int) for d in shape):
            elements = math.prod(d for d in shape if isinstance(d, int))
            if elements > MAX_TENSOR_ELEMENTS:
                raise ModelRefused(
                    Rule.TENSOR_SIZE,
                    f"tensor {value.name!r} would have shape {list(shape)} ({elements:,} "
                    f"elements) for one image; the cap is {MAX_TENSOR_ELEMENTS:,}",
                )
    (output,) = [v for v in inferred.graph.output if v.name == contract.output_name]
    shape = _shape(output)
    wanted = contract.output_shape
    if shape is not None and len(shape) == 1 + len(wanted):
        for index, (have, want) in enumerate(zip(shape[1:], wanted, strict=True), start=1):
            if isinstance(have, int) and have != want:
                raise ModelRefused(
                    Rule.OUTPUTS,
                    f"output {contract.output_name!r} infers to {have} at dimension {index}; "
                    f"the template needs (N, {', '.join(map(str, wanted))})",
                )
    return inferred


def inspect_model(
    data: bytes,
    contract: IOContract,
    *,
    max_bytes: int = MAX_MODEL_BYTES,
    opset_range: tuple[int, int] = OPSET_RANGE,
) -> ModelCard:
    """Check a hand-in model against every static rule; raises ModelRefused naming the rule."""
    model = parse_model(data, max_bytes=max_bytes)
    _check_tensors(model, max_bytes)
    opset = _check_opsets(model, opset_range)
    _check_io(model, contract)
    inferred = _infer(model, contract)
    params = 0
    for where, tensor in graph_tensors(model.graph):
        if tensor.data_type in WEIGHT_TYPES and not where.startswith("sparse"):
            params += math.prod(tensor.dims)
    ops = Counter(
        f"{node.domain}.{node.op_type}" if node.domain not in DEFAULT_DOMAINS else node.op_type
        for node in all_nodes(model.graph)
    )
    quantised, precision = quantisation_of(model)
    initialised = {tensor.name for tensor in model.graph.initializer}
    return ModelCard(
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        ir_version=model.ir_version,
        opset=opset,
        producer=f"{model.producer_name} {model.producer_version}".strip()[:100],
        inputs=tuple(_spec(v) for v in model.graph.input if v.name not in initialised),
        outputs=tuple(_spec(v) for v in model.graph.output),
        ops=dict(sorted(ops.items(), key=lambda item: (-item[1], item[0]))),
        params=params,
        macs=count_macs(inferred),
        quantised=quantised,
        precision=precision,
    )
