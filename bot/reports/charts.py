"""PNG charts for a phone screen (matplotlib, headless Agg backend, DejaVu Sans for Cyrillic).

1200×900 pixels, large type, one bar chart per picture, the number written over each bar so that
nobody has to read the axis on a small screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

WIDTH_IN, HEIGHT_IN, DPI = 12, 9, 100
"""1200×900 pixels."""
FONT = "DejaVu Sans"
"""Ships with matplotlib and has Cyrillic: no font download, no missing glyphs."""
BAR_COLOR = "#2E7D32"


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    subtitle: str = "",
    empty_note: str = "",
) -> bytes:
    """A bar chart as PNG bytes; `empty_note` is written in the middle when every value is 0."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    bars = axes.bar(positions, values, color=BAR_COLOR)
    axes.set_xticks(positions, list(labels), fontsize=20, fontfamily=FONT)
    axes.tick_params(axis="y", labelsize=18)
    for label in axes.get_yticklabels():
        label.set_fontfamily(FONT)
    axes.set_title(title, fontsize=28, fontfamily=FONT, pad=24, wrap=True)
    if subtitle:
        figure.text(0.5, 0.02, subtitle, ha="center", fontsize=18, fontfamily=FONT)
    top = max(values, default=0)
    axes.set_ylim(0, max(top * 1.15, 1))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    for bar, value in zip(bars, values, strict=True):
        if value:
            axes.annotate(
                str(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=20,
                fontfamily=FONT,
                xytext=(0, 4),
                textcoords="offset points",
            )
    if not top and empty_note:
        axes.text(
            0.5,
            0.5,
            empty_note,
            ha="center",
            va="center",
            fontsize=24,
            fontfamily=FONT,
            transform=axes.transAxes,
        )
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout(rect=(0, 0.05 if subtitle else 0, 1, 1))
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
