"""Every tensor an ONNX graph carries, walked without loading any external file.

Tensors hide in initializers, sparse initializers, Constant nodes and the attributes of any
node, and in the subgraphs of Loop, If and Scan: all of them are visited, recursively.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from onnx import AttributeProto, GraphProto, NodeProto, TensorProto

from graders.models.refusal import ModelRefused, Rule

# Bits per element of the data types a model may store, raw.
_BITS: dict[int, int] = {
    TensorProto.FLOAT: 32,
    TensorProto.UINT8: 8,
    TensorProto.INT8: 8,
    TensorProto.UINT16: 16,
    TensorProto.INT16: 16,
    TensorProto.INT32: 32,
    TensorProto.INT64: 64,
    TensorProto.BOOL: 8,
    TensorProto.FLOAT16: 16,
    TensorProto.DOUBLE: 64,
    TensorProto.UINT32: 32,
    TensorProto.UINT64: 64,
    TensorProto.BFLOAT16: 16,
    TensorProto.FLOAT8E4M3FN: 8,
    TensorProto.FLOAT8E4M3FNUZ: 8,
    TensorProto.FLOAT8E5M2: 8,
    TensorProto.FLOAT8E5M2FNUZ: 8,
    TensorProto.UINT4: 4,
    TensorProto.INT4: 4,
}
# Which repeated field holds a tensor's values when it is not stored raw.
_TYPED_FIELD: dict[int, str] = {
    TensorProto.FLOAT: "float_data",
    TensorProto.DOUBLE: "double_data",
    TensorProto.INT64: "int64_data",
    TensorProto.UINT32: "uint64_data",
    TensorProto.UINT64: "uint64_data",
    TensorProto.STRING: "string_data",
}
WEIGHT_TYPES = frozenset(
    {
        TensorProto.FLOAT,
        TensorProto.FLOAT16,
        TensorProto.BFLOAT16,
        TensorProto.DOUBLE,
        TensorProto.INT8,
        TensorProto.UINT8,
        TensorProto.INT32,  # the bias of QLinearConv
    }
)


def subgraphs(node: NodeProto) -> Iterator[GraphProto]:
    for attribute in node.attribute:
        if attribute.type == AttributeProto.GRAPH:
            yield attribute.g
        elif attribute.type == AttributeProto.GRAPHS:
            yield from attribute.graphs


def all_nodes(graph: GraphProto) -> Iterator[NodeProto]:
    """Every node of the graph and of its subgraphs."""
    for node in graph.node:
        yield node
        for inner in subgraphs(node):
            yield from all_nodes(inner)


def graph_tensors(graph: GraphProto) -> Iterator[tuple[str, TensorProto]]:
    """(where, tensor) for every tensor stored in the graph and its subgraphs."""
    for tensor in graph.initializer:
        yield f"initializer {tensor.name!r}", tensor
    for sparse in graph.sparse_initializer:
        yield f"sparse initializer {sparse.values.name!r}", sparse.values
        yield f"sparse initializer {sparse.values.name!r} (indices)", sparse.indices
    for node in graph.node:
        where = f"node {node.name or node.op_type!r} ({node.op_type})"
        for attribute in node.attribute:
            if attribute.type == AttributeProto.TENSOR:
                yield f"{where} attribute {attribute.name!r}", attribute.t
            elif attribute.type == AttributeProto.TENSORS:
                for tensor in attribute.tensors:
                    yield f"{where} attribute {attribute.name!r}", tensor
            elif attribute.type == AttributeProto.SPARSE_TENSOR:
                yield f"{where} attribute {attribute.name!r}", attribute.sparse_tensor.values
        for inner in subgraphs(node):
            yield from graph_tensors(inner)


def element_count(where: str, tensor: TensorProto) -> int:
    if any(dim < 0 for dim in tensor.dims):
        raise ModelRefused(
            Rule.INITIALIZER, f"{where} has a negative dimension {list(tensor.dims)}"
        )
    return math.prod(tensor.dims)


def check_self_contained(where: str, tensor: TensorProto) -> None:
    """Refuse a tensor whose bytes are in another file; the path is named, never opened."""
    if tensor.data_location == TensorProto.EXTERNAL or len(tensor.external_data) > 0:
        entries = {entry.key: entry.value for entry in tensor.external_data}
        location = entries.get("location", "")[:200]
        raise ModelRefused(
            Rule.EXTERNAL_DATA,
            f"{where} keeps its data in an external file ({location!r}); hand in one "
            "self-contained .onnx file (onnx.save(model, path, save_as_external_data=False))",
        )


def check_declared_size(where: str, tensor: TensorProto, max_bytes: int) -> int:
    """The tensor's bytes, refusing one whose dimensions claim more than the file could hold
    or more or fewer values than it stores. Returns its element count."""
    count = element_count(where, tensor)
    bits = _BITS.get(int(tensor.data_type))
    if bits is not None and count * bits // 8 > max_bytes:
        raise ModelRefused(
            Rule.INITIALIZER,
            f"{where} claims {count} elements ({count * bits // 8:,} bytes), more than a "
            f"{max_bytes:,}-byte model file can hold",
        )
    if tensor.HasField("raw_data") or tensor.raw_data:
        if bits is not None and len(tensor.raw_data) != math.ceil(count * bits / 8):
            raise ModelRefused(
                Rule.INITIALIZER,
                f"{where} declares shape {list(tensor.dims)} ({math.ceil(count * bits / 8):,} "
                f"bytes) but holds {len(tensor.raw_data):,} bytes",
            )
        return count
    field = _TYPED_FIELD.get(int(tensor.data_type), "int32_data")
    stored = len(getattr(tensor, field))
    if tensor.data_type in (TensorProto.UINT4, TensorProto.INT4):
        expected = math.ceil(count / 2)
    else:
        expected = count
    if stored != expected:
        raise ModelRefused(
            Rule.INITIALIZER,
            f"{where} declares shape {list(tensor.dims)} ({count} values) but holds {stored}",
        )
    return count
