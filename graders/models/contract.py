"""The I/O contract a template states for hand-in models, and the static limits on the file.

For the classification templates: one input ``images``, float32, (N, 3, H, W) with N dynamic and
RGB in [0, 1]; one output ``logits``, float32, (N, K).
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class IOContract:
    """One float32 image batch in, one float32 logits batch out."""

    input_name: str
    channels: int
    height: int
    width: int
    output_name: str
    classes: int

    def describe(self) -> str:
        return (
            f"input {self.input_name!r} float32 (N, {self.channels}, {self.height}, {self.width})"
            f" with N dynamic; output {self.output_name!r} float32 (N, {self.classes})"
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
