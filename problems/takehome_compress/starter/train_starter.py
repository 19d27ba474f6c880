"""The starter model of cvprep's model take-homes: a small CNN trained from scratch on CPU.

This is the script that trained the ``weights.pt`` and ``model.onnx`` beside it (the platform
runs ``train`` on its "pretraining" shapes, domain A; see ``pretraining.toml``). It needs only
numpy and torch (and Pillow for ``--data``). Everything is seeded and single-threaded, so the
same seed and data give the same weights on the same build of torch.

Use it as a library::

    from train_starter import StarterNet, train, export_onnx, load_starter
    model = load_starter("weights.pt", classes=3)     # the shipped weights
    model.head = torch.nn.Linear(model.head.in_features, 4)   # a new head for new classes

or retrain from a folder in the take-home data layout (``train/images/*.png`` and
``train/labels.csv``)::

    python train_starter.py --data path/to/unzipped --out out/ --epochs 8
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

ONNX_OPSET = 17


class StarterNet(nn.Module):
    """Four conv blocks (conv 3x3, batch norm, ReLU, 2x2 max pool), global average pooling and
    a linear head. Input ``images`` (N, 3, H, W) float32 RGB in [0, 1]; output ``logits``."""

    def __init__(self, classes: int, width: int = 32) -> None:
        super().__init__()
        channels = [3, width, 2 * width, 4 * width, 4 * width]
        blocks: list[nn.Module] = []
        for cin, cout in zip(channels, channels[1:], strict=False):
            blocks += [
                nn.Conv2d(cin, cout, 3, padding=1, bias=False),
                nn.BatchNorm2d(cout),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(2),
            ]
        self.features = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(channels[-1], classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        # Centre the pixels here, so the exported graph takes [0, 1] RGB as it is.
        return self.head(self.pool(self.features(images - 0.5)).flatten(1))


def _augment(batch: torch.Tensor, rng: np.random.Generator) -> torch.Tensor:
    """Flips and quarter turns: a shape's class does not change under either."""
    if rng.random() < 0.5:
        batch = batch.flip(3)
    return torch.rot90(batch, int(rng.integers(0, 4)), dims=(2, 3))


def train(
    images: np.ndarray[Any, Any],
    labels: np.ndarray[Any, Any],
    classes: int,
    *,
    seed: int,
    epochs: int,
    batch_size: int = 32,
    learning_rate: float = 3e-3,
    width: int = 32,
) -> StarterNet:
    """Train on ``images`` (N, H, W, 3) uint8 with ``labels`` (N,) class indices."""
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(seed)
    pixels = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))).float() / 255
    targets = torch.from_numpy(labels.astype(np.int64))
    model = StarterNet(classes, width)
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=1e-4)
    steps = epochs * -(-len(pixels) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, learning_rate, total_steps=steps)
    model.train()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(pixels)))
        for start in range(0, len(pixels), batch_size):
            index = order[start : start + batch_size]
            loss = nn.functional.cross_entropy(model(_augment(pixels[index], rng)), targets[index])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return model.eval()


def export_onnx(model: StarterNet, path: Path | str, image_size: int) -> None:
    """ONNX with input ``images`` (N, 3, S, S), N dynamic, and output ``logits`` (N, K)."""
    example = torch.zeros(1, 3, image_size, image_size)
    torch.onnx.export(
        model.eval(),
        (example,),
        str(path),
        input_names=["images"],
        output_names=["logits"],
        dynamic_axes={"images": {0: "N"}, "logits": {0: "N"}},
        opset_version=ONNX_OPSET,
        dynamo=False,
    )


def load_starter(path: Path | str, classes: int, width: int = 32) -> StarterNet:
    model = StarterNet(classes, width)
    model.load_state_dict(torch.load(path, weights_only=True))
    return model.eval()


def _read_split(folder: Path) -> tuple[np.ndarray[Any, Any], list[str]]:
    from PIL import Image

    with open(folder / "labels.csv", newline="") as stream:
        rows = list(csv.DictReader(stream))
    images = [
        np.asarray(Image.open(folder / "images" / f"{int(row['image_id']):06d}.png").convert("RGB"))
        for row in rows
    ]
    return np.stack(images), [row["label"] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="unzipped take-home data")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    images, names = _read_split(args.data / "train")
    # The first images of a split show every class once, in the order of the logits.
    classes = list(dict.fromkeys(names))
    labels = np.array([classes.index(name) for name in names])
    model = train(images, labels, len(classes), seed=args.seed, epochs=args.epochs)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out / "weights.pt")
    export_onnx(model, args.out / "model.onnx", images.shape[1])
    print("classes (logit order):", classes)


if __name__ == "__main__":
    main()
