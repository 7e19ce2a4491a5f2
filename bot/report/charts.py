"""The report's charts, drawn with matplotlib (Agg, no display) as SVG images embedded in the page."""

import base64
import datetime as dt
import io
from typing import Dict, List, Mapping, Sequence, Tuple

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI toolkit
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "path",  # text as shapes: the page needs no font file
        "svg.hashsalt": "ldn-report",  # the same data draws the same file
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)
COLOURS = ("#0b5394", "#e69138", "#6aa84f", "#cc0000", "#674ea7")


def _dates(days: Sequence[int]) -> List[dt.date]:
    return [dt.date(1970, 1, 1) + dt.timedelta(days=d) for d in days]


def _image(fig) -> str:
    """The figure as an <img> with an inline SVG data URL: self-contained, and ids never clash between charts."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _empty(ax, what: str) -> None:
    ax.text(0.5, 0.5, f"No {what} in this period", ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _date_axis(ax, x: Sequence[dt.date]) -> None:
    if len(x) <= 14:  # a tick per day, and room around a lone day
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.set_xlim(min(x) - dt.timedelta(days=1), max(x) + dt.timedelta(days=1))
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))


def per_day(days: Sequence[int], conversations: Sequence[int], messages: Sequence[int]) -> str:
    fig, ax = plt.subplots(figsize=(8, 2.8))
    if days:
        x = _dates(days)
        ax.bar(x, messages, color=COLOURS[0], alpha=0.35, label="messages", width=0.8)
        ax.plot(x, conversations, color=COLOURS[0], marker="o", markersize=3, label="conversations")
        _date_axis(ax, x)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=2)
        ax.set_ylabel("per day")
    else:
        _empty(ax, "messages")
    return _image(fig)


def bars(labels: Sequence[str], values: Sequence[int], what: str, colour: str = COLOURS[0]) -> str:
    """A horizontal bar chart, largest at the top."""
    fig, ax = plt.subplots(figsize=(8, max(1.4, 0.28 * len(labels) + 0.6)))
    if labels:
        ax.barh(list(reversed(labels)), list(reversed(values)), color=colour)
        for y, v in enumerate(reversed(values)):
            ax.text(v, y, f" {v}", va="center")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(what)
    else:
        _empty(ax, what)
    return _image(fig)


def shares(days: Sequence[int], series: Mapping[str, Sequence[float]]) -> str:
    """Stacked bars: per cent of each day's messages."""
    fig, ax = plt.subplots(figsize=(8, 2.8))
    if days:
        x = _dates(days)
        bottom = [0.0] * len(days)
        for (label, values), colour in zip(series.items(), COLOURS[1:], strict=False):  # spare colours
            ax.bar(x, values, bottom=bottom, label=label, color=colour, width=0.8)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel("% of messages")
        _date_axis(ax, x)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=len(series))
    else:
        _empty(ax, "messages")
    return _image(fig)


def weekly(weeks: Sequence[int], series: Dict[str, Sequence[int]]) -> str:
    """Grouped bars per week, labelled by the week's Monday."""
    fig, ax = plt.subplots(figsize=(8, 2.6))
    if weeks:
        width = 0.8 / len(series)
        for i, (label, values) in enumerate(series.items()):
            ax.bar(
                [w + i * width for w in range(len(weeks))],
                values,
                width=width,
                label=label,
                color=COLOURS[(i + 3) % len(COLOURS)],
            )
        ax.set_xticks([w + 0.4 - width / 2 for w in range(len(weeks))])
        ax.set_xticklabels([f"{d:%b %d}" for d in _dates(weeks)])
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=len(series))
        ax.set_ylabel("replies per week")
    else:
        _empty(ax, "safety replies")
    return _image(fig)


def helpfulness(labels: Sequence[str], yes_no: Sequence[Tuple[int, int]]) -> str:
    fig, ax = plt.subplots(figsize=(8, max(1.4, 0.28 * len(labels) + 0.6)))
    if labels:
        ys = list(range(len(labels)))[::-1]
        yes = [a for a, _ in yes_no]
        no = [b for _, b in yes_no]
        ax.barh(ys, yes, color=COLOURS[2], label="yes")
        ax.barh(ys, no, left=yes, color=COLOURS[3], label="no")
        ax.set_yticks(ys)
        ax.set_yticklabels(labels)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=2)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("answers to 'Was this helpful?'")
    else:
        _empty(ax, "feedback")
    return _image(fig)
