import numpy as np


def rle_encode(mask: np.ndarray) -> list[int]:
    """COCO uncompressed RLE: column-major runs, alternating, first a (maybe empty) 0-run."""
    raise NotImplementedError
