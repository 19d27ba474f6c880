"""The design report's pictures (Pillow): a latency histogram and utilisation over time."""

from __future__ import annotations

from PIL import Image, ImageDraw

from graders import charts
from graders.charts import Font
from graders.design.evaluate import DesignReport

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 34, 46
COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#ca8a04"]
INK, GRID, BUDGET = "#111827", "#e5e7eb", "#dc2626"


def _canvas(title: str) -> tuple[Image.Image, ImageDraw.ImageDraw, Font]:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = charts.font(12)
    draw.text((LEFT, 10), title, fill=INK, font=font)
    return image, draw, font


def _axes(draw: ImageDraw.ImageDraw, font: Font, *, x_max: float, y_max: float,
          x_label: str, y_label: str, y_format: str = "{:g}") -> None:
    x0, y0, x1, y1 = LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, TOP
    for i in range(5):
        y = y0 - (y0 - y1) * i / 4
        draw.line([(x0, y), (x1, y)], fill=GRID)
        draw.text((6, y - 6), y_format.format(y_max * i / 4), fill=INK, font=font)
        x = x0 + (x1 - x0) * i / 4
        draw.text((x - 10, y0 + 6), f"{x_max * i / 4:.3g}", fill=INK, font=font)
    draw.line([(x0, y0), (x1, y0)], fill=INK)
    draw.line([(x0, y0), (x0, y1)], fill=INK)
    draw.text(((x0 + x1) / 2 - 30, HEIGHT - 18), x_label, fill=INK, font=font)
    draw.text((6, TOP - 20), y_label, fill=INK, font=font)


def latency_histogram(report: DesignReport, budget_ms: float, percentile: int) -> bytes:
    image, draw, font = _canvas("End-to-end latency of completed frames")
    edges, counts = report.histogram["edges_ms"], report.histogram["counts"]
    x_max = max(edges[-1] if edges else 1.0, budget_ms * 1.1)
    y_max = max(counts, default=1.0) or 1.0
    _axes(draw, font, x_max=x_max, y_max=y_max, x_label="latency (ms)", y_label="frames",
          y_format="{:.0f}")
    x0, y0, x1, y1 = LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, TOP

    def px(ms: float) -> float:
        return x0 + (x1 - x0) * ms / x_max

    for left, right, count in zip(edges, edges[1:], counts, strict=False):
        top = y0 - (y0 - y1) * count / y_max
        draw.rectangle([px(left), top, max(px(right) - 1, px(left)), y0], fill=COLOURS[0])
    draw.line([(px(budget_ms), y0), (px(budget_ms), y1)], fill=BUDGET, width=2)
    legend_x = WIDTH - RIGHT + 12
    draw.text((legend_x, TOP), f"budget {budget_ms:g} ms", fill=BUDGET, font=font)
    measured = report.metrics.get(f"p{percentile}_ms", float("nan"))
    draw.text((legend_x, TOP + 16), f"p{percentile} {measured:.1f} ms", fill=INK, font=font)
    for offset, q in enumerate((50, 95)):
        value = report.metrics.get(f"p{q}_ms", float("nan"))
        draw.text((legend_x, TOP + 32 + 16 * offset), f"p{q} {value:.1f} ms", fill=INK, font=font)
    return charts.png_bytes(image)


def utilisation_over_time(report: DesignReport, warmup_s: float) -> bytes:
    image, draw, font = _canvas("Utilisation per stage over time")
    series = report.timeline
    windows = max((len(v) for v in series.values()), default=0)
    x_max = max(windows * report.window_s, report.window_s)
    _axes(draw, font, x_max=x_max, y_max=100.0, x_label=f"time after warm-up {warmup_s:g} s (s)",
          y_label="busy %", y_format="{:.0f}%")
    x0, y0, x1, y1 = LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, TOP
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = [
            (x0 + (x1 - x0) * (i + 0.5) * report.window_s / x_max,
             y0 - (y0 - y1) * min(max(v, 0.0), 1.0))
            for i, v in enumerate(values)
        ]
        if len(points) > 1:
            draw.line(points, fill=colour, width=2)
        elif points:
            draw.ellipse([points[0][0] - 2, points[0][1] - 2, points[0][0] + 2, points[0][1] + 2],
                         fill=colour)
        label = f"{name} {report.utilisation.get(name, 0.0) * 100:.0f}%"
        draw.text((WIDTH - RIGHT + 12, TOP + 16 * index), label, fill=colour, font=font)
    return charts.png_bytes(image)


def render_plots(report: DesignReport, *, budget_ms: float, percentile: int,
                 warmup_s: float) -> dict[str, bytes]:
    return {
        "latency": latency_histogram(report, budget_ms, percentile),
        "utilisation": utilisation_over_time(report, warmup_s),
    }
