"""Accessible SVG bar and line charts rendered on the server, with no script and no inline style (CSP, X11).

Pure Python (no Django import) so that reports, the admin and the public pages share one renderer. Every chart
has role="img", a <title> and a <desc> summarising the figures for screen readers (U-series accessibility),
Chinese axis text, a legend when there is more than one series, and a tooltip <title> on every bar and point.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# The site palette (govsite/static/govsite/css/site.css): main red, focus blue, amber, dark red, muted grey.
PALETTE = ("#a4161a", "#1a5fb4", "#c77700", "#7d1014", "#555555")
TEXT, MUTED, LINE = "#1f1f1f", "#555555", "#d9d9d9"
FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP = 64, 16, 44
FONT_SIZE = 12
MAX_LABEL_CHARS = 10
MAX_X_LABELS = 12
TICKS = 5
MAX_BAR = 48


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


@dataclass(frozen=True)
class _Frame:
    """Plot area and value scale shared by both chart kinds."""

    labels: tuple[str, ...]
    ticks: tuple[float, ...]
    bottom: int
    rotate: bool

    @property
    def height(self) -> int:
        return HEIGHT + self.bottom - 40

    @property
    def plot_bottom(self) -> float:
        return self.height - self.bottom

    @property
    def plot_width(self) -> float:
        return WIDTH - LEFT - RIGHT

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.plot_bottom - (value - low) / (high - low) * (self.plot_bottom - TOP)

    def slot(self) -> float:
        return self.plot_width / max(len(self.labels), 1)


def bar_chart(title: str, labels: Sequence[str], series: Sequence[Series], unit: str = "") -> str:
    """Grouped vertical bars, one group per label, one bar per series."""
    frame = _frame(labels, series)
    slot = frame.slot()
    bar = min(slot * 0.8 / len(series), MAX_BAR)
    offset = (slot - bar * len(series)) / 2  # the group is centred under its label
    base = frame.y(max(frame.ticks[0], 0.0))
    marks = []
    for s_index, one in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        for i, value in enumerate(one.values):
            x = LEFT + i * slot + offset + s_index * bar
            top, bottom = sorted((frame.y(value), base))
            tip = _tip(one.name, frame.labels[i], value, unit, len(series))
            marks.append(
                f'<rect class="bar series-{s_index}" x="{x:.1f}" y="{top:.1f}" width="{max(bar - 1, 0.5):.1f}"'
                f' height="{bottom - top:.1f}" fill="{colour}"><title>{tip}</title></rect>'
            )
    return _svg("bar", title, frame, series, unit, "".join(marks))


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series], unit: str = "") -> str:
    """One polyline per series with a marked point (and tooltip) at every label."""
    frame = _frame(labels, series)
    slot = frame.slot()
    radius = 3 if len(labels) <= 60 else 1.5
    marks = []
    for s_index, one in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        points = [(LEFT + (i + 0.5) * slot, frame.y(v)) for i, v in enumerate(one.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        marks.append(
            f'<polyline class="line series-{s_index}" points="{path}" fill="none" stroke="{colour}"'
            ' stroke-width="2" stroke-linejoin="round"/>'
        )
        for (x, y), label, value in zip(points, frame.labels, one.values, strict=True):
            tip = _tip(one.name, label, value, unit, len(series))
            marks.append(
                f'<circle class="point series-{s_index}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"'
                f' fill="{colour}"><title>{tip}</title></circle>'
            )
    return _svg("line", title, frame, series, unit, "".join(marks))


def nice_ticks(low: float, high: float, count: int = TICKS) -> tuple[float, ...]:
    """Round tick values (1, 2, 2.5 or 5 × 10^k steps) covering [low, high], always including 0 when in range."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low == 0:
        high = 1.0
    raw = (high - low) / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    n = round((stop - start) / step)
    return tuple(round(start + i * step, 10) for i in range(n + 1))


def format_value(value: float) -> str:
    """Whole numbers without decimals, others with at most two."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _frame(labels: Sequence[str], series: Sequence[Series]) -> _Frame:
    if not series:
        raise ValueError("图表至少需要一个数据系列")
    values = [v for one in series for v in one.values]
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"数据系列“{one.name}”有 {len(one.values)} 个值，标签有 {len(labels)} 个")
    if any(not math.isfinite(v) for v in values):
        raise ValueError("图表数据含有非数值")
    shown = tuple(_short(str(label)) for label in labels)
    longest = max((len(label) for label in shown), default=0)
    rotate = len(labels) > 1 and longest * FONT_SIZE > (WIDTH - LEFT - RIGHT) / min(len(labels), MAX_X_LABELS)
    bottom = 40 + (int(longest * FONT_SIZE * 0.6) if rotate else 0)
    ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0))
    return _Frame(labels=tuple(str(label) for label in labels), ticks=ticks, bottom=bottom, rotate=rotate)


def _svg(kind: str, title: str, frame: _Frame, series: Sequence[Series], unit: str, marks: str) -> str:
    ident = "chart-" + hashlib.sha1(f"{kind}{title}{frame.labels}{series}".encode()).hexdigest()[:10]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img"'
        f' viewBox="0 0 {WIDTH} {frame.height}" width="100%" aria-labelledby="{ident}-t {ident}-d"'
        f' font-family="{escape(FONT)}" font-size="{FONT_SIZE}" fill="{TEXT}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(_describe(kind, frame, series, unit))}</desc>',
        f'<text class="chart-title" x="{LEFT}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
        _y_axis(frame, unit),
        _x_axis(frame),
    ]
    if not frame.labels:
        parts.append(f'<text x="{WIDTH / 2}" y="{frame.y(0.5 * frame.ticks[-1]):.1f}"'
                     f' text-anchor="middle" fill="{MUTED}">暂无数据</text>')
    parts.append(marks)
    if len(series) > 1:
        parts.append(_legend(series))
    parts.append("</svg>")
    return "".join(parts)


def _y_axis(frame: _Frame, unit: str) -> str:
    out = []
    if unit:
        out.append(f'<text class="axis-unit" x="8" y="{TOP - 12}" fill="{MUTED}">单位：{escape(unit)}</text>')
    for tick in frame.ticks:
        y = frame.y(tick)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LINE}"/>'
            f'<text class="tick y-tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end"'
            f' fill="{MUTED}">{format_value(tick)}</text>'
        )
    return "".join(out)


def _x_axis(frame: _Frame) -> str:
    bottom = frame.plot_bottom
    out = [f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom:.1f}" y2="{bottom:.1f}" stroke="{MUTED}"/>']
    step = math.ceil(len(frame.labels) / MAX_X_LABELS) if frame.labels else 1
    slot = frame.slot()
    for i in range(0, len(frame.labels), step):
        x, y = LEFT + (i + 0.5) * slot, bottom + 16
        turn = f' transform="rotate(-40 {x:.1f} {y:.1f})" text-anchor="end"' if frame.rotate else ' text-anchor="middle"'
        out.append(f'<text class="tick x-tick" x="{x:.1f}" y="{y:.1f}"{turn}>{escape(_short(frame.labels[i]))}</text>')
    return "".join(out)


def _legend(series: Sequence[Series]) -> str:
    """Right-aligned on the title line, one swatch and name per series."""
    widths = [32 + len(one.name) * FONT_SIZE for one in series]
    out, x = ['<g class="legend">'], WIDTH - RIGHT - sum(widths) + 16
    for s_index, (one, width) in enumerate(zip(series, widths, strict=True)):
        colour = PALETTE[s_index % len(PALETTE)]
        out.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 16}" y="18">{escape(one.name)}</text>')
        x += width
    out.append("</g>")
    return "".join(out)


def _describe(kind: str, frame: _Frame, series: Sequence[Series], unit: str) -> str:
    """The figures a sighted reader takes from the chart: range of labels, and per series total, max and min."""
    name = "柱状图" if kind == "bar" else "折线图"
    if not frame.labels:
        return f"{name}，暂无数据。"
    span = frame.labels[0] if len(frame.labels) == 1 else f"{frame.labels[0]}至{frame.labels[-1]}"
    lines = [f"{name}，共 {len(frame.labels)} 项（{span}）。"]
    for one in series:
        values = list(one.values)
        high, low = max(values), min(values)
        lines.append(
            f"{one.name}：合计 {format_value(sum(values))}{unit}，"
            f"最高 {format_value(high)}{unit}（{frame.labels[values.index(high)]}），"
            f"最低 {format_value(low)}{unit}（{frame.labels[values.index(low)]}）。"
        )
    return "".join(lines)


def _tip(name: str, label: str, value: float, unit: str, count: int) -> str:
    prefix = f"{name} " if count > 1 else ""
    return escape(f"{prefix}{label}：{format_value(value)}{unit}")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
