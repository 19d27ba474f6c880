"""The I/O contract a template states for hand-in models, and the static limits on the file.

For the classification templates: one input ``images``, float32, (N, 3, H, W) with N dynamic and
RGB in [0, 1]; one output ``logits``, float32, (N, K). For the segmentation templates the same
input and one output ``logits``, float32, (N, K, H, W): K classes with background at index 0,
the predicted mask is the argmax over K.

A dense output comes back from the sandbox as raw float32, so its size is capped: at most
MAX_OUTPUT_BYTES_PER_IMAGE per image (a template that needs more is refused when it loads),
and every run's result is limited to what the contract's shape needs (graders/models/run.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_MODEL_BYTES = 50_000_000
# ONNX Runtime 1.32 implements the default domain up to opset 23; 13 is where the
# per-channel QuantizeLinear that onnxruntime.quantization writes begins.
OPSET_RANGE = (13, 21)
# Domains whose kernels ONNX Runtime's CPU provider ships: the standard ops, the classic ML
# ops and Microsoft's contrib ops (QLinearAdd, QLinearGlobalAveragePool, ...). No other
# domain can run without a custom-op library, and those are never loaded.
ALLOWED_DOMAINS = frozenset({"", "ai.onnx", "ai.onnx.ml", "com.microsoft"})
# An intermediate tensor that shape inference sizes above this is refused before it runs.
MAX_TENSOR_ELEMENTS = 1 << 26
# The outputs of one image the sandbox may send back: 1 MiB is 16 classes at 128 x 128. The
# latency run returns every timed query's outputs (for the bit-for-bit check), so a template's
# protocol is refused when those would pass MAX_RUN_OUTPUT_BYTES.
MAX_OUTPUT_BYTES_PER_IMAGE = 1 << 20
MAX_RUN_OUTPUT_BYTES = 256 << 20


@dataclass(frozen=True)
class IOContract:
    """One float32 image batch in, one float32 logits batch out: (N, K), or (N, K, H, W) per
    pixel when ``dense``."""

    input_name: str
    channels: int
    height: int
    width: int
    output_name: str
    classes: int
    dense: bool = False

    def __post_init__(self) -> None:
        if self.output_bytes_per_image > MAX_OUTPUT_BYTES_PER_IMAGE:
            raise ValueError(
                f"output {self.output_name!r} {self.output_shape} float32 is "
                f"{self.output_bytes_per_image:,} bytes per image; the cap is "
                f"{MAX_OUTPUT_BYTES_PER_IMAGE:,}"
            )

    @property
    def output_shape(self) -> tuple[int, ...]:
        """The output of one image, without N."""
        if self.dense:
            return (self.classes, self.height, self.width)
        return (self.classes,)

    @property
    def output_bytes_per_image(self) -> int:
        return 4 * math.prod(self.output_shape)

    def describe(self) -> str:
        output = ", ".join(["N", *(str(d) for d in self.output_shape)])
        return (
            f"input {self.input_name!r} float32 (N, {self.channels}, {self.height}, {self.width})"
            f" with N dynamic; output {self.output_name!r} float32 ({output})"
        )


def classification_contract(image_size: int, classes: int) -> IOContract:
    return IOContract(
        input_name="images",
        channels=3,
        height=image_size,
        width=image_size,
        output_name="logits",
        classes=classes,
    )


def segmentation_contract(image_size: int, classes: int) -> IOContract:
    """``classes`` counts background (index 0) with the shape classes."""
    return IOContract(
        input_name="images",
        channels=3,
        height=image_size,
        width=image_size,
        output_name="logits",
        classes=classes,
        dense=True,
    )


@dataclass(frozen=True)
class ModelContract:
    """Everything a template asks of a hand-in model, and the limits its run gets.

    ``memory_limit_mb`` is what a run may add to the ONNX zygote's address space (the
    sandbox's RLIMIT_AS baseline, docs/security.md); it covers the decoded model, the
    session onnxruntime builds from it (weights, pre-packed kernels, the arena) and the
    activations of one image. ``query_seconds`` is the CPU time one image may take,
    ``load_seconds`` the CPU time building the session(s) may take.
    """

    io: IOContract
    opset_range: tuple[int, int] = OPSET_RANGE
    max_bytes: int = MAX_MODEL_BYTES
    memory_limit_mb: int = 1024
    query_seconds: float = 1.0
    load_seconds: float = 20.0

    def __post_init__(self) -> None:
        low, high = self.opset_range
        if not 1 <= low <= high:
            raise ValueError(f"opset_range {self.opset_range} must be [low, high], low >= 1")
        if not 0 < self.max_bytes <= MAX_MODEL_BYTES:
            raise ValueError(f"max_bytes must be in (0, {MAX_MODEL_BYTES}]")
        if not 64 <= self.memory_limit_mb <= 8192:
            raise ValueError("memory_limit_mb must be in [64, 8192]")
        if not (0 < self.query_seconds <= 60 and 0 < self.load_seconds <= 600):
            raise ValueError("query_seconds must be in (0, 60] and load_seconds in (0, 600]")
