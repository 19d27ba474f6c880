"""A byte-exact PNG writer.

zlib's compressed output can change between zlib builds (system zlib, zlib-ng, the copies bundled
in OpenCV and Pillow wheels), so a compressed PNG is not the same file on every machine. This
writer uses deflate *stored* blocks, whose bytes are fixed by the format, so the same pixels give
the same file everywhere. The zip the files travel in compresses them.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from numpy.typing import NDArray

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_STORED_BLOCK = 65535


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _stored_zlib(raw: bytes) -> bytes:
    parts = [b"\x78\x01"]  # deflate, 32 KiB window, no preset dictionary, fastest
    offsets = range(0, max(len(raw), 1), _STORED_BLOCK)
    for offset in offsets:
        block = raw[offset : offset + _STORED_BLOCK]
        final = 1 if offset + _STORED_BLOCK >= len(raw) else 0
        parts.append(bytes([final]) + struct.pack("<HH", len(block), len(block) ^ 0xFFFF) + block)
    parts.append(struct.pack(">I", zlib.adler32(raw) & 0xFFFFFFFF))
    return b"".join(parts)


def encode_png(pixels: NDArray[np.uint8]) -> bytes:
    """(H, W) grey or (H, W, 3) RGB uint8 -> PNG bytes, identical on every machine."""
    if pixels.dtype != np.uint8 or pixels.ndim not in (2, 3):
        raise ValueError("encode_png takes (H, W) or (H, W, 3) uint8 arrays")
    if pixels.ndim == 3 and pixels.shape[2] != 3:
        raise ValueError("colour images must have 3 channels")
    height, width = pixels.shape[:2]
    colour_type = 2 if pixels.ndim == 3 else 0
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    rows = np.ascontiguousarray(pixels).reshape(height, -1)
    filtered = np.concatenate([np.zeros((height, 1), np.uint8), rows], axis=1)  # filter 0: none
    return (
        _SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", _stored_zlib(filtered.tobytes()))
        + _chunk(b"IEND", b"")
    )
