"""The model answer: a tiny U-Net trained from scratch, exported to ONNX.

Four resolutions (64, 32, 16, 8), two 3 x 3 convolutions with batch norm at each of the lower
three and a dilated pair at 8 x 8, so the receptive field covers the largest shape (35 pixels)
with its corners; the decoder upsamples bilinearly and adds each encoder stage back (a skip per
resolution) before a 3 x 3 refinement. Cross-entropy with the rare square weighted up plus a
soft Dice term per class, the eight flips and quarter turns applied to image and mask alike and
the RGB channels shuffled (a shape's class is not its colour). Deterministic from ``--seed``;
a few minutes of CPU.

    python train_unet.py --data path/to/unzipped --out model.onnx
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

CLASSES = ("background", "circle", "triangle", "square")
Array = np.ndarray[Any, Any]


def _conv(inputs: int, outputs: int, *, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(
            inputs, outputs, 3, stride=stride, padding=dilation, dilation=dilation, bias=False
        ),
        nn.BatchNorm2d(outputs),
        nn.ReLU(inplace=True),
    )


class _Up(nn.Module):
    """Halve the channels at low resolution (cheap), upsample, add the skip, refine."""

    def __init__(self, inputs: int, outputs: int) -> None:
        super().__init__()
        self.reduce = nn.Conv2d(inputs, outputs, 1)
        self.refine = _conv(outputs, outputs)

    def forward(self, coarse: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        up = nn.functional.interpolate(
            self.reduce(coarse), scale_factor=2, mode="bilinear", align_corners=False
        )
        return self.refine(torch.relu(up + skip))


class TinyUNet(nn.Module):
    def __init__(self, classes: int = len(CLASSES), width: int = 12) -> None:
        super().__init__()
        w = width
        self.stage64 = _conv(3, w)  # 64 x 64
        self.stage32 = nn.Sequential(_conv(w, 2 * w, stride=2), _conv(2 * w, 2 * w))  # 32
        self.stage16 = nn.Sequential(_conv(2 * w, 4 * w, stride=2), _conv(4 * w, 4 * w))  # 16
        self.stage8 = nn.Sequential(  # 8 x 8: dilation widens the view past the largest shape
            _conv(4 * w, 8 * w, stride=2),
            _conv(8 * w, 8 * w, dilation=2),
            _conv(8 * w, 8 * w, dilation=2),
        )
        self.up_quarter = _Up(8 * w, 4 * w)
        self.up_half = _Up(4 * w, 2 * w)
        self.up_full = _Up(2 * w, w)
        self.head = nn.Conv2d(w, classes, 1)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        full = self.stage64(images)
        half = self.stage32(full)
        quarter = self.stage16(half)
        eighth = self.stage8(quarter)
        quarter = self.up_quarter(eighth, quarter)
        half = self.up_half(quarter, half)
        return self.head(self.up_full(half, full))


def _augment(
    rng: np.random.Generator, pixels: torch.Tensor, masks: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    turns = int(rng.integers(0, 4))
    pixels, masks = torch.rot90(pixels, turns, (2, 3)), torch.rot90(masks, turns, (1, 2))
    if rng.random() < 0.5:
        pixels, masks = pixels.flip(3), masks.flip(2)
    pixels = pixels[:, torch.from_numpy(rng.permutation(3))]
    return pixels.contiguous(), masks.contiguous()


def _dice_loss(logits: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
    """Soft Dice over the shape classes, summed over the batch: a rare class counts as much."""
    probabilities = logits.softmax(1)[:, 1:]
    onehot = nn.functional.one_hot(masks, logits.shape[1]).permute(0, 3, 1, 2)[:, 1:].float()
    overlap = (probabilities * onehot).sum((0, 2, 3))
    total = probabilities.sum((0, 2, 3)) + onehot.sum((0, 2, 3))
    return 1 - ((2 * overlap + 1) / (total + 1)).mean()


def train(
    images: Array,  # (N, H, W, 3) uint8
    masks: Array,  # (N, H, W) class indices, 0 = background
    *,
    seed: int = 0,
    epochs: int = 60,
    batch: int = 16,
    peak_lr: float = 4e-3,
    threads: int = 1,
) -> TinyUNet:
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    model = TinyUNet()
    pixels = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))).float() / 255
    targets = torch.from_numpy(masks.astype(np.int64))
    counts = np.bincount(masks.ravel(), minlength=len(CLASSES)).astype(float)
    # inverse square-root frequency: the rare square counts more, background less
    weights = torch.tensor((counts.sum() / np.maximum(counts, 1)) ** 0.5, dtype=torch.float32)
    weights /= weights.mean()
    optimiser = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=1e-4)
    steps = epochs * ((len(pixels) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=peak_lr, total_steps=steps)
    model.train()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(pixels)))
        for start in range(0, len(pixels), batch):
            index = order[start : start + batch]
            batch_pixels, batch_masks = _augment(rng, pixels[index], targets[index])
            logits = model(batch_pixels)
            loss = nn.functional.cross_entropy(logits, batch_masks, weight=weights)
            loss = loss + _dice_loss(logits, batch_masks)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return model.eval()


def per_class_iou(truth: Array, predicted: Array, classes: int = len(CLASSES)) -> list[float]:
    """As the platform scores it: intersections and unions summed over the whole split."""
    ious = []
    for label in range(classes):
        union = np.sum((truth == label) | (predicted == label))
        ious.append(
            float(np.sum((truth == label) & (predicted == label)) / union) if union else 0.0
        )
    return ious


def mean_iou(truth: Array, predicted: Array, classes: int = len(CLASSES)) -> float:
    """Background left out of the mean, as the platform does."""
    return float(np.mean(per_class_iou(truth, predicted, classes)[1:]))


def export_onnx(model: TinyUNet, path: Path, size: int, check: torch.Tensor) -> None:
    """Export with a dynamic N, then check ONNX Runtime agrees with PyTorch on a few images."""
    example = torch.zeros(1, 3, size, size)
    torch.onnx.export(
        model,
        (example,),
        str(path),
        input_names=["images"],
        output_names=["logits"],
        dynamic_axes={"images": {0: "N"}, "logits": {0: "N"}},
        opset_version=17,
        dynamo=False,
    )
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (exported,) = session.run(None, {"images": check.numpy()})
    with torch.no_grad():
        expected = model(check).numpy()
    assert exported.shape == (len(check), len(CLASSES), size, size)
    assert np.abs(exported - expected).max() < 1e-3, "the export disagrees with PyTorch"


def read_split(folder: Path) -> tuple[Array, Array]:
    from PIL import Image

    names = sorted(path.name for path in (folder / "images").glob("*.png"))
    images = np.stack([np.asarray(Image.open(folder / "images" / name)) for name in names])
    masks = np.stack([np.asarray(Image.open(folder / "masks" / name)) for name in names])
    return images, masks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the unzipped take-home data")
    parser.add_argument("--out", type=Path, default=Path("model.onnx"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-3, help="the one-cycle peak")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    images, masks = read_split(args.data / "train")
    started = time.process_time()
    model = train(
        images,
        masks,
        seed=args.seed,
        epochs=args.epochs,
        batch=args.batch,
        peak_lr=args.lr,
        threads=args.threads,
    )
    print(
        f"trained in {time.process_time() - started:.0f} s of CPU, "
        f"{sum(p.numel() for p in model.parameters())} parameters"
    )
    val_images, val_masks = read_split(args.data / "val")
    pixels = torch.from_numpy(val_images.transpose(0, 3, 1, 2).copy()).float() / 255
    with torch.no_grad():
        predicted = model(pixels).argmax(1).numpy()
    ious = ", ".join(
        f"{name} {iou:.3f}"
        for name, iou in zip(CLASSES, per_class_iou(val_masks, predicted), strict=True)
    )
    print(f"val mIoU {mean_iou(val_masks, predicted):.4f} ({ious})")
    export_onnx(model, args.out, images.shape[1], pixels[:4])


if __name__ == "__main__":
    main()
