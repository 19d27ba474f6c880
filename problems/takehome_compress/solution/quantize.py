"""The model answer's compression: static int8 quantisation of the starter with ONNX Runtime.

QDQ format with per-channel weights, calibrated (MinMax) on training images: on a CPU with one
thread this is the cheapest lever that keeps top-1; dynamic quantisation quantises only the
activations' matmuls at run time and is no faster for convolutions.

    python quantize.py --data path/to/unzipped --out model.onnx
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process


class _Batches(CalibrationDataReader):  # type: ignore[misc]
    def __init__(self, images: np.ndarray[Any, Any]) -> None:
        self._rows = iter(images)

    def get_next(self) -> dict[str, np.ndarray[Any, Any]] | None:
        row = next(self._rows, None)
        return None if row is None else {"images": row[None]}


def quantize(starter: Path, calibration: np.ndarray[Any, Any], out: Path) -> None:
    """``calibration``: (N, 3, S, S) float32 in [0, 1], the images the ranges are taken on."""
    with tempfile.TemporaryDirectory() as work:
        prepared = Path(work) / "prepared.onnx"
        quant_pre_process(str(starter), str(prepared))
        quantize_static(
            str(prepared),
            str(out),
            _Batches(calibration.astype(np.float32)),
            quant_format=QuantFormat.QDQ,
            per_channel=True,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
        )


def _train_images(data: Path, count: int) -> np.ndarray[Any, Any]:
    from PIL import Image

    paths = sorted((data / "train" / "images").glob("*.png"))[:count]
    pixels = np.stack([np.asarray(Image.open(path).convert("RGB")) for path in paths])
    return pixels.transpose(0, 3, 1, 2).astype(np.float32) / 255


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the unzipped take-home data")
    parser.add_argument("--out", type=Path, default=Path("model.onnx"))
    parser.add_argument("--calibration-images", type=int, default=128)
    args = parser.parse_args()
    starter = args.data / "starter" / "model.onnx"
    quantize(starter, _train_images(args.data, args.calibration_images), args.out)


if __name__ == "__main__":
    main()
