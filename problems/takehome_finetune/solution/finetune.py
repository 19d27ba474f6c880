"""The model answer's fine-tuning: the starter's backbone with a new head, all layers trained.

A new linear head for the four classes, then the whole network at a small learning rate (the
head's ten times larger), with flips, quarter turns and a random per-channel gain as
augmentation: the gain covers the dimmer, tinted light of domain B, which the starter never saw.

    python finetune.py --data path/to/unzipped --out model.onnx
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn


def finetune(
    starter: Any,  # train_starter.StarterNet with the shipped weights
    images: np.ndarray[Any, Any],  # (N, H, W, 3) uint8
    labels: np.ndarray[Any, Any],  # (N,) class indices
    classes: int,
    *,
    seed: int = 0,
    epochs: int = 60,
) -> nn.Module:
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    starter.head = nn.Linear(starter.head.in_features, classes)
    pixels = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))).float() / 255
    targets = torch.from_numpy(labels.astype(np.int64))
    optimiser = torch.optim.AdamW(
        [
            {"params": starter.features.parameters(), "lr": 1e-3},
            {"params": starter.head.parameters(), "lr": 1e-2},
        ],
        weight_decay=1e-4,
    )
    starter.train()
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(pixels)))
        for start in range(0, len(pixels), 16):
            index = order[start : start + 16]
            batch = pixels[index]
            gains = torch.from_numpy(rng.uniform(0.4, 1.2, size=(len(index), 3, 1, 1))).float()
            batch = (batch * gains).clamp(0, 1)
            if rng.random() < 0.5:
                batch = batch.flip(3)
            batch = torch.rot90(batch, int(rng.integers(0, 4)), dims=(2, 3))
            loss = nn.functional.cross_entropy(starter(batch), targets[index])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return starter.eval()


def _read_split(folder: Path, classes: list[str]) -> tuple[np.ndarray[Any, Any], Any]:
    from PIL import Image

    with open(folder / "labels.csv", newline="") as stream:
        rows = list(csv.DictReader(stream))
    images = np.stack(
        [
            np.asarray(Image.open(folder / "images" / f"{int(row['image_id']):06d}.png"))
            for row in rows
        ]
    )
    return images, np.array([classes.index(row["label"]) for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the unzipped take-home data")
    parser.add_argument("--out", type=Path, default=Path("model.onnx"))
    args = parser.parse_args()
    sys.path.insert(0, str(args.data / "starter"))
    import train_starter

    classes = ["ellipse", "star", "hexagon", "square"]
    images, labels = _read_split(args.data / "train", classes)
    starter = train_starter.load_starter(args.data / "starter" / "weights.pt", classes=3)
    model = finetune(starter, images, labels, len(classes))
    train_starter.export_onnx(model, args.out, images.shape[1])


if __name__ == "__main__":
    main()
