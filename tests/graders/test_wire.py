import io
import math

import numpy as np
import pytest

from graders.sandbox.inside import wire


def roundtrip(value):
    tree, blobs = wire.encode_value(value)
    message = wire.pack_message({"value": tree}, blobs)
    header, views = wire.unpack_body(message[wire.FRAME_HEADER.size :])
    return wire.decode_value(header["value"], views)


def test_values_roundtrip_with_types_kept():
    value = (np.arange(6, dtype=np.int32).reshape(2, 3), [1, 2.5, True, None], 2**70, float("nan"))
    back = roundtrip(value)
    assert isinstance(back, tuple) and back[0].dtype == np.int32
    assert np.array_equal(back[0], value[0])
    assert back[1] == [1, 2.5, True, None] and back[2] == 2**70 and math.isnan(back[3])


def test_numpy_scalars_and_fortran_arrays_travel():
    array = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    assert np.array_equal(roundtrip(array), array)
    assert roundtrip(np.float32(1.5)) == 1.5


@pytest.mark.parametrize("value", [object(), np.array([object()]), {"a": 1}, {1, 2}, b"bytes"])
def test_unsupported_values_are_refused_at_encoding(value):
    with pytest.raises(wire.UnsupportedValue):
        wire.encode_value(value)


def forged_npy(shape, dtype="<f8", data=b""):
    buffer = io.BytesIO()
    header = {"descr": dtype, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + data


def test_forged_huge_shape_is_refused_before_allocating():
    with pytest.raises(wire.WireError, match="bytes of data"):
        wire.npy_to_array(forged_npy((10**6, 10**6), data=b"\0" * 16))


@pytest.mark.parametrize("dtype", ["|O", "<U4", "|V8", [("a", "<i4")]])
def test_object_string_and_record_dtypes_are_refused(dtype):
    with pytest.raises(wire.WireError):
        wire.npy_to_array(forged_npy((1,), dtype=dtype, data=b"\0" * 16))


def test_pickled_payload_is_never_loaded():
    import pickle

    with pytest.raises(wire.WireError):
        wire.npy_to_array(pickle.dumps([1, 2, 3]))


def test_malformed_trees_are_refused():
    for tree in [{"nd": 5}, {"zz": 1}, {"i": "12x"}, {"x": "1e9"}, {"t": 3}]:
        with pytest.raises(wire.WireError):
            wire.decode_value(tree, [])


def test_deep_nesting_is_refused():
    tree: list = []
    node = tree
    for _ in range(100):
        node.append([])
        node = node[0]
    with pytest.raises(wire.WireError):
        wire.decode_value(tree, [])


def test_bad_frames_are_refused():
    with pytest.raises(wire.WireError):
        wire.unpack_body(b"\0\0\0\x10{}")
    with pytest.raises(wire.WireError):
        wire.unpack_body(wire.JSON_HEADER.pack(2) + b"[]")


def test_zero_dimensional_arrays_keep_their_shape():
    back = roundtrip(np.array(2.5))
    assert isinstance(back, np.ndarray) and back.shape == () and back.item() == 2.5
