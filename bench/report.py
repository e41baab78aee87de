"""Figures, each beside its baseline, and how they are written: a table and a chart.

A :class:`Figure` holds one value per round for seedance and for its baseline, measured in
the same run on the same work; the ratio is taken round by round, and a figure reports
the median and the spread (min-max) of those rounds.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from attrs import define, field


@define
class Figure:
    section: str
    name: str
    ours: list[float]
    baseline: list[float]
    unit: str
    baseline_name: str
    higher_is_better: bool = False
    ratio_range: tuple[float, float] | None = None
    """Where the ratio ours/baseline must fall (the issue's target), if it has one."""
    value_range: tuple[float, float] | None = None
    """Where our own value must fall (e.g. 0 429s, lag <= 3 s), if that is the target."""
    note: str = ""
    by_value: bool = False
    """Chart our value as a share of its target bound instead of a ratio (for figures
    whose baseline is near zero, where a ratio is noise: RSS growth, 429 counts)."""
    ratios: list[float] = field(init=False)

    def __attrs_post_init__(self) -> None:
        pairs = zip(self.ours, self.baseline, strict=False)
        self.ratios = [o / b if b else (0.0 if o == 0 else float("inf")) for o, b in pairs]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios) if self.ratios else float("nan")

    @property
    def value(self) -> float:
        return statistics.median(self.ours)

    @property
    def target(self) -> str:
        parts = []
        if self.ratio_range is not None:
            parts.append("ratio " + _range_text(self.ratio_range))
        if self.value_range is not None:
            parts.append(f"value {_range_text(self.value_range)} {self.unit}")
        return ", ".join(parts)

    @property
    def met(self) -> bool | None:
        checks = []
        if self.ratio_range is not None:
            checks.append(self.ratio_range[0] <= self.ratio <= self.ratio_range[1])
        if self.value_range is not None:
            checks.append(self.value_range[0] <= self.value <= self.value_range[1])
        return all(checks) if checks else None


def _range_text(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if low == float("-inf") or (low == 0 and high != 0):
        return f"<= {high:g}"
    if high == float("inf"):
        return f">= {low:g}"
    if low == high:
        return f"= {low:g}"
    return f"{low:g}-{high:g}"


def spread(values: Sequence[float], digits: int = 3) -> str:
    """``median [min-max]`` of one figure's rounds."""
    if not values:
        return "-"
    median = statistics.median(values)
    if len(values) == 1 or min(values) == max(values):
        return f"{median:.{digits}g}"
    return f"{median:.{digits}g} [{min(values):.{digits}g}-{max(values):.{digits}g}]"


def print_figure(figure: Figure) -> None:
    mark = {True: "ok", False: "MISSED", None: ""}[figure.met]
    print(
        f"  {figure.name:<52} {spread(figure.ours):>22} {figure.unit:<5} "
        f"vs {spread(figure.baseline):>22}  ratio {spread(figure.ratios, 3):>18}  "
        f"{figure.target} {mark}",
        flush=True,
    )


def write_markdown(figures: list[Figure], path: Path, header: str) -> None:
    lines = [header, ""]
    section = None
    for figure in figures:
        if figure.section != section:
            section = figure.section
            lines += [
                "",
                f"## {section}",
                "",
                "| figure | seedance | baseline | ratio | target | met |",
                "|---|---|---|---|---|---|",
            ]
        met = {True: "yes", False: "**no**", None: ""}[figure.met]
        name = figure.name + (f" ({figure.note})" if figure.note else "")
        lines.append(
            f"| {name} | {spread(figure.ours)} {figure.unit} | "
            f"{figure.baseline_name}: {spread(figure.baseline)} {figure.unit} | "
            f"{spread(figure.ratios)} | {figure.target} | {met} |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def draw_chart(figures: list[Figure], path: Path, title: str) -> None:
    """One bar per figure: the ratio to its baseline (median, whiskers min-max), green
    where the target is met, red where not, grey without a target; the target as a tick."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [f for f in figures if f.ratios]
    height = 0.36 * len(shown) + 1.4
    fig, ax = plt.subplots(figsize=(14, height))
    limit = 2.5
    colours = {True: "#2e9e49", False: "#d0342c", None: "#9a9a9a"}
    for y, figure in enumerate(reversed(shown)):
        colour = colours[figure.met]
        if figure.by_value and figure.value_range is not None:
            bound = figure.value_range[1]
            share = figure.value / bound if bound else (0.0 if figure.value == 0 else limit)
            ax.barh(y, min(share, limit), color=colour, height=0.62)
            ax.plot([min(share, limit)], [y], marker="o", color=colour, ms=4)
            ax.plot([1.0, 1.0], [y - 0.38, y + 0.38], color="black", lw=2.2)
            label = (
                f"{figure.value:.3g} {figure.unit} (target {_range_text(figure.value_range)}; "
                f"{figure.baseline_name}: {statistics.median(figure.baseline):.3g})"
            )
            ax.text(max(min(share, limit), 1.0) + 0.04, y, label, va="center", fontsize=8)
            continue
        ratio = figure.ratio
        low, high = min(figure.ratios), max(figure.ratios)
        ax.barh(y, min(ratio, limit), color=colour, height=0.62)
        ax.plot([min(ratio, limit)], [y], marker="o", color=colour, ms=4)  # visible at 0 too
        right = min(max(ratio, high), limit)
        if high > low:
            ax.plot([min(low, limit), min(high, limit)], [y, y], color="black", lw=1.2)
        if figure.ratio_range is not None:
            for bound in figure.ratio_range:
                if 0 < bound < limit:
                    ax.plot([bound, bound], [y - 0.38, y + 0.38], color="black", lw=2.2)
                    right = max(right, bound)
        label = f"{ratio:.3g}x" if ratio < 0.01 else f"{ratio:.2f}x"
        label += f"   {figure.value:.3g} vs {statistics.median(figure.baseline):.3g} {figure.unit}"
        if figure.value_range is not None:
            label += f" (target {_range_text(figure.value_range)} {figure.unit})"
        ax.text(right + 0.04, y, label, va="center", fontsize=8)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels(
        [
            f"{f.section}: {f.name}  "
            + ("[share of target]" if f.by_value else f"[vs {f.baseline_name}]")
            for f in reversed(shown)
        ],
        fontsize=8,
    )
    ax.axvline(1.0, color="#444444", lw=0.8, ls="--")
    ax.set_xlim(0, limit + 0.9)
    ax.set_xlabel(
        "seedance / baseline, same run: bar = median of rounds, whisker = min-max, "
        "black tick = target\n[share of target] rows: our value / its target bound.   "
        "Green: target met, red: missed, grey: no target. Bars cut at 2.5."
    )
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
