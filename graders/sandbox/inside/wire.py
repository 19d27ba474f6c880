"""The wire format between the trusted grader and the sandbox: framed JSON plus raw .npy blobs.

Both sides import this file: the trusted side from the ``graders`` package, the sandbox from a
read-only bind mount. It needs only the standard library and numpy. Nothing here unpickles:
arrays travel as .npy with ``allow_pickle=False`` semantics, parsed by hand and size-checked
before any allocation, everything else as JSON.
"""

from __future__ import annotations

import io
import json
import math
import os
import struct
from typing import Any

import numpy as np

FRAME_HEADER = struct.Struct(">Q")
JSON_HEADER = struct.Struct(">I")
MAX_DEPTH = 32
MAX_NODES = 1_000_000
ALLOWED_KINDS = "biuf"  # bool, signed and unsigned int, float: no objects, strings or records


class WireError(Exception):
    """The peer sent something that is not a well-formed message."""


class UnsupportedValue(Exception):
    """A return value of a type that cannot travel (and that no problem expects)."""


# --- framing -------------------------------------------------------------------------------


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_exact(fd: int, size: int) -> bytearray:
    """Read exactly ``size`` bytes straight into one buffer (arrays are then views of it)."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    position = 0
    while position < size:
        count = os.readv(fd, [view[position : position + (1 << 24)]])
        if not count:
            raise EOFError("peer closed the channel")
        position += count
    return buffer


def pack_message(header: dict[str, Any], blobs: list[bytes] | None = None) -> bytes:
    blobs = blobs or []
    header = dict(header, blobs=[len(blob) for blob in blobs])
    header_bytes = json.dumps(header, allow_nan=True).encode()
    body_len = JSON_HEADER.size + len(header_bytes) + sum(len(blob) for blob in blobs)
    return b"".join(
        [FRAME_HEADER.pack(body_len), JSON_HEADER.pack(len(header_bytes)), header_bytes, *blobs]
    )


def send_message(fd: int, header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
    write_all(fd, pack_message(header, blobs))


def unpack_body(body: bytes | bytearray) -> tuple[dict[str, Any], list[memoryview]]:
    if len(body) < JSON_HEADER.size:
        raise WireError("truncated message")
    (header_len,) = JSON_HEADER.unpack_from(body)
    start = JSON_HEADER.size
    if header_len > len(body) - start:
        raise WireError("header longer than the message")
    try:
        header = json.loads(body[start : start + header_len])
    except (ValueError, RecursionError) as error:
        raise WireError(f"header is not valid JSON: {error}") from None
    if not isinstance(header, dict):
        raise WireError("header is not a JSON object")
    sizes = header.get("blobs", [])
    if not isinstance(sizes, list) or not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise WireError("bad blob table")
    offset = start + header_len
    if offset + sum(sizes) != len(body):
        raise WireError("blob sizes do not add up to the message size")
    view = memoryview(body)
    blobs = []
    for size in sizes:
        blobs.append(view[offset : offset + size])
        offset += size
    return header, blobs


def recv_message(fd: int, max_bytes: int) -> tuple[dict[str, Any], list[memoryview]]:
    (body_len,) = FRAME_HEADER.unpack(read_exact(fd, FRAME_HEADER.size))
    if body_len > max_bytes:
        raise WireError(f"message of {body_len} bytes is over the {max_bytes}-byte limit")
    return unpack_body(read_exact(fd, body_len))


# --- values --------------------------------------------------------------------------------


def array_to_npy(array: np.ndarray[Any, Any]) -> bytes:
    buffer = io.BytesIO()
    # Not np.ascontiguousarray: it turns a 0-d array into shape (1,).
    contiguous = array if array.flags.c_contiguous else np.array(array, order="C")
    np.lib.format.write_array(buffer, contiguous, allow_pickle=False)
    return buffer.getvalue()


def npy_to_array(blob: bytes | memoryview) -> np.ndarray[Any, Any]:
    """Parse a .npy blob strictly: plain numeric dtypes only, exact size, no pickle."""
    stream = io.BytesIO(bytes(blob[: 65536 + 16]))
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise WireError(f"unsupported .npy version {version}")
    except (ValueError, SyntaxError, TypeError) as error:
        raise WireError(f"bad .npy header: {error}") from None
    if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"arrays of dtype {dtype} are not accepted")
    if dtype.kind not in ALLOWED_KINDS:
        raise WireError(f"arrays of dtype {dtype} are not accepted")
    if not all(isinstance(n, int) and n >= 0 for n in shape):
        raise WireError("bad array shape")
    count = math.prod(shape)
    data = memoryview(blob)[stream.tell() :]
    if len(data) != count * dtype.itemsize:
        raise WireError(
            f"array header says {count * dtype.itemsize} bytes of data, the blob has {len(data)}"
        )
    flat = np.frombuffer(data, dtype=dtype, count=count)
    array = flat.reshape(shape, order="F" if fortran else "C")
    # A view of a writable receive buffer needs no copy; anything else (bytes) does.
    return array if array.flags.writeable else array.copy()


def encode_value(value: Any) -> tuple[Any, list[bytes]]:
    """Turn a return value into a JSON tree plus .npy blobs. Runs inside the sandbox."""
    blobs: list[bytes] = []

    def walk(item: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise UnsupportedValue("value is nested too deeply")
        if item is None or type(item) in (bool, str):
            return item
        if type(item) is int:
            return {"i": str(item)} if abs(item) >= 2**63 else item
        if type(item) is float:
            return item if math.isfinite(item) else {"x": repr(item)}
        if isinstance(item, np.generic) and item.dtype.kind in ALLOWED_KINDS:
            return walk(item.item(), depth + 1)
        if isinstance(item, np.ndarray):
            if item.dtype.kind not in ALLOWED_KINDS or item.dtype.fields is not None:
                raise UnsupportedValue(f"an array of dtype {item.dtype}")
            blobs.append(array_to_npy(np.asarray(item)))
            return {"nd": len(blobs) - 1}
        if type(item) is list:
            return [walk(element, depth + 1) for element in item]
        if type(item) is tuple:
            return {"t": [walk(element, depth + 1) for element in item]}
        raise UnsupportedValue(f"a value of type {type(item).__name__}")

    return walk(value, 0), blobs


def decode_value(tree: Any, blobs: list[memoryview]) -> Any:
    """Rebuild a value from ``encode_value``'s output. Runs in the trusted process."""
    nodes = 0

    def walk(item: Any, depth: int) -> Any:
        nonlocal nodes
        nodes += 1
        if depth > MAX_DEPTH or nodes > MAX_NODES:
            raise WireError("value is nested too deeply or has too many parts")
        if item is None or isinstance(item, (bool, int, float, str)):
            return item
        if isinstance(item, list):
            return [walk(element, depth + 1) for element in item]
        if isinstance(item, dict) and len(item) == 1:
            ((key, payload),) = item.items()
            if key == "t" and isinstance(payload, list):
                return tuple(walk(element, depth + 1) for element in payload)
            if key == "nd" and isinstance(payload, int) and 0 <= payload < len(blobs):
                return npy_to_array(blobs[payload])
            if key == "i" and isinstance(payload, str) and len(payload) <= 4000:
                try:
                    return int(payload)
                except ValueError:
                    pass
            if key == "x" and payload in ("nan", "inf", "-inf"):
                return float(payload)
        raise WireError("malformed value")

    return walk(tree, 0)
