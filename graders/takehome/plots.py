"""Charts of a MetricReport as PNG bytes, drawn with Pillow (no matplotlib on the servers).

``render_plots`` returns ``{"pr_curves": png, "per_class": png}`` for detection,
``{"per_class": png}`` for segmentation and ``{"per_class": png, "confusion": png}`` for
classification.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw

from graders.charts import Font, png_bytes
from graders.charts import font as _font
from graders.takehome.package import TakehomePackage
from graders.takehome.report import MetricReport, metric_label

WIDTH, HEIGHT = 720, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 44, 64
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"]
INK, GRID, PAPER = "#222222", "#dddddd", "#ffffff"


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    return right - left


def _vertical_label(image: Image.Image, text: str, x: int, centre_y: int, font: Font) -> None:
    scratch = ImageDraw.Draw(image)
    width = int(_text_width(scratch, text, font)) + 4
    label = Image.new("RGBA", (width, 20), (255, 255, 255, 0))
    ImageDraw.Draw(label).text((2, 2), text, fill=INK, font=font)
    rotated = label.rotate(90, expand=True)
    image.paste(rotated, (x, centre_y - rotated.height // 2), rotated)


class _Axes:
    """A unit square [0, 1] x [0, 1] mapped onto the plotting area, with grid and labels."""

    def __init__(
        self, title: str, x_label: str, y_label: str, *, x_ticks: bool = True, right: int = RIGHT
    ) -> None:
        self.image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.font, self.small = _font(15), _font(12)
        self.x0, self.x1 = LEFT, WIDTH - right
        self.y0, self.y1 = HEIGHT - BOTTOM, TOP
        self.draw.text((LEFT, 12), title, fill=INK, font=self.font)
        for step in range(6):
            value = step / 5
            y = self.y(value)
            self.draw.line([(self.x0, y), (self.x1, y)], fill=GRID)
            self.draw.text((self.x0 - 34, y - 7), f"{value:.1f}", fill=INK, font=self.small)
            if x_ticks:
                x = self.x(value)
                self.draw.line([(x, self.y0), (x, self.y1)], fill=GRID)
                self.draw.text((x - 9, self.y0 + 6), f"{value:.1f}", fill=INK, font=self.small)
        self.draw.rectangle([self.x0, self.y1, self.x1, self.y0], outline=INK)
        width = _text_width(self.draw, x_label, self.font)
        self.draw.text(
            ((self.x0 + self.x1 - width) / 2, HEIGHT - 26), x_label, fill=INK, font=self.font
        )
        _vertical_label(self.image, y_label, 6, (self.y0 + self.y1) // 2, self.font)

    def x(self, value: float) -> float:
        return self.x0 + (self.x1 - self.x0) * min(max(value, 0.0), 1.0)

    def y(self, value: float) -> float:
        return self.y0 - (self.y0 - self.y1) * min(max(value, 0.0), 1.0)

    def legend(self, entries: Sequence[tuple[str, str]]) -> None:
        for row, (label, colour) in enumerate(entries):
            top = self.y1 + 4 + row * 22
            self.draw.rectangle([self.x1 + 12, top + 3, self.x1 + 26, top + 15], fill=colour)
            self.draw.text((self.x1 + 32, top), label, fill=INK, font=self.small)


def pr_curvespng_bytes(report: MetricReport) -> bytes:
    axes = _Axes("Precision-recall per class, IoU 0.50 (test split)", "recall", "precision")
    legend = []
    for position, (name, curve) in enumerate((report.curves or {}).items()):
        colour = PALETTE[position % len(PALETTE)]
        points = [
            (axes.x(r), axes.y(p))
            for r, p in zip(curve["recall"], curve["precision_iou50"], strict=True)
        ]
        axes.draw.line(points, fill=colour, width=2)
        ap50 = report.per_class.get(name, {}).get("AP50", 0.0)
        legend.append((f"{name} AP50 {ap50:.2f}", colour))
    axes.legend(legend)
    return png_bytes(axes.image)


_BAR_METRIC = {"detection": "AP", "segmentation": "IoU", "classification": "F1"}


def per_classpng_bytes(report: MetricReport) -> bytes:
    metric = _BAR_METRIC[report.task]
    headline = f"{metric_label(report.primary)} {report.primary_value:.3f}"
    axes = _Axes(
        f"Per-class {metric} (test split; {headline})", "class", metric, x_ticks=False, right=30
    )
    names = list(report.per_class)
    slot = (axes.x1 - axes.x0) / max(len(names), 1)
    for position, name in enumerate(names):
        value = report.per_class[name].get(metric, 0.0)
        left = axes.x0 + slot * position + slot * 0.2
        right = axes.x0 + slot * (position + 1) - slot * 0.2
        colour = "#999999" if name == "background" else PALETTE[position % len(PALETTE)]
        axes.draw.rectangle([left, axes.y(value), right, axes.y0], fill=colour)
        label = f"{value:.2f}"
        axes.draw.text(
            ((left + right - _text_width(axes.draw, label, axes.small)) / 2, axes.y(value) - 16),
            label,
            fill=INK,
            font=axes.small,
        )
        axes.draw.text(
            ((left + right - _text_width(axes.draw, name, axes.small)) / 2, axes.y0 + 6),
            name,
            fill=INK,
            font=axes.small,
        )
    return png_bytes(axes.image)


def confusionpng_bytes(report: MetricReport) -> bytes:
    confusion = report.confusion or {"labels": [], "matrix": []}
    labels: list[str] = confusion["labels"]
    matrix: list[list[int]] = confusion["matrix"]
    cell = max(40, min(80, 400 // max(len(labels), 1)))
    left, top = 130, 70
    width = max(left + cell * len(labels) + 40, 420)
    height = top + cell * len(labels) + 70
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    font, small = _font(15), _font(12)
    draw.text((16, 12), "Confusion matrix (rows: truth, columns: prediction)", fill=INK, font=font)
    for row, row_values in enumerate(matrix):
        total = max(sum(row_values), 1)
        for col, count in enumerate(row_values):
            share = count / total
            shade = int(255 - 200 * share)
            box = [
                left + col * cell,
                top + row * cell,
                left + (col + 1) * cell,
                top + (row + 1) * cell,
            ]
            draw.rectangle(box, fill=(shade, shade, 255), outline="#ffffff")
            text = str(count)
            colour = "#ffffff" if share > 0.55 else INK
            draw.text(
                (box[0] + (cell - _text_width(draw, text, small)) / 2, box[1] + cell / 2 - 7),
                text,
                fill=colour,
                font=small,
            )
    for position, name in enumerate(labels):
        draw.text(
            (left - _text_width(draw, name, small) - 8, top + position * cell + cell / 2 - 7),
            name,
            fill=INK,
            font=small,
        )
        draw.text(
            (
                left + position * cell + (cell - _text_width(draw, name, small)) / 2,
                top + cell * len(labels) + 6,
            ),
            name,
            fill=INK,
            font=small,
        )
    draw.text((left, top + cell * len(labels) + 32), "predicted", fill=INK, font=font)
    _vertical_label(image, "true", 8, top + cell * len(labels) // 2, font)
    return png_bytes(image)


def render_plots(package: TakehomePackage, report: MetricReport) -> dict[str, bytes]:
    """Name -> PNG bytes for the report's charts (see the module docstring for the names)."""
    plots = {"per_class": per_classpng_bytes(report)}
    if package.task == "detection":
        plots["pr_curves"] = pr_curvespng_bytes(report)
    if package.task == "classification":
        plots["confusion"] = confusionpng_bytes(report)
    return plots
