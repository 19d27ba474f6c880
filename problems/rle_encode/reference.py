import numpy as np
from pycocotools import mask as mask_utils


def rle_encode(mask: np.ndarray) -> list[int]:
    # pycocotools' own encoder, then its compressed counts decoded back to integers.
    encoded = mask_utils.encode(np.asfortranarray(np.asarray(mask, dtype=np.uint8)))
    return _decode_counts(encoded["counts"])


def _decode_counts(counts: bytes) -> list[int]:
    """The inverse of pycocotools' LEB128-like string form of run lengths."""
    runs: list[int] = []
    position = 0
    while position < len(counts):
        value, shift, more = 0, 0, True
        while more:
            c = counts[position] - 48
            value |= (c & 0x1F) << (5 * shift)
            more = bool(c & 0x20)
            position += 1
            shift += 1
            if not more and (c & 0x10):
                value |= -1 << (5 * shift)
        if len(runs) > 2:
            value += runs[-2]
        runs.append(value)
    return runs
