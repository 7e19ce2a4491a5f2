"""Turns the counts into the report's named tables (the same rows go to the HTML page and the CSV files)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any, List, Sequence

from bot import knowledge
from bot.report.group import group
from bot.report.scrub import scrub
from bot.report.tally import NOT_ANSWERED_KINDS, SAFETY_KINDS, Tables


@dataclass
class Table:
    """One table: a file-friendly name, a title, column headers and rows."""

    name: str
    title: str
    headers: Sequence[str]
    rows: List[Sequence[Any]]


def day_text(day: int) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def build(t: Tables) -> List[Table]:
    """Every table of the report, in the order the page shows them."""
    days = sorted(t.messages_per_day)
    titles = {e.name: (e.button or e.name.replace("_", " ").capitalize()) for e in knowledge.answers()}
    out = [
        Table(
            "per_day",
            "Conversations and messages per day",
            ("day", "conversations", "messages"),
            [(day_text(d), len(t.senders_per_day[d]), t.messages_per_day[d]) for d in days],
        ),
        Table(
            "channels",
            "Channel mix",
            ("channel", "conversations", "share"),
            [(c, n, _share(n, t.conversations)) for c, n in t.channel_mix().most_common()],
        ),
        Table(
            "topics",
            "Answers given per topic",
            ("topic", "answer", "answers given"),
            [(titles.get(a, a), a, n) for a, n in t.topics.most_common()],
        ),
        Table(
            "not_answered_share",
            "Messages that got the off-topic, not-covered or fallback reply, per day",
            ("day", "messages") + NOT_ANSWERED_KINDS + ("share not answered",),
            [
                (day_text(d), t.messages_per_day[d])
                + tuple(t.not_answered_per_day[d][k] for k in NOT_ANSWERED_KINDS)
                + (_share(sum(t.not_answered_per_day[d].values()), t.messages_per_day[d]),)
                for d in days
            ],
        ),
        Table(
            "not_answered",
            "What we could not answer, in the patients' words (near-duplicates grouped)",
            ("count", "message", "other wordings", "reply given"),
            [
                (
                    g.count,
                    g.text,
                    " | ".join(g.variants),
                    ", ".join(f"{k} {n}" if len(g.kinds) > 1 else k for k, n in g.kinds.most_common()),
                )
                for g in group((kind, scrub(text)) for kind, text in t.not_answered)
            ],
        ),
        Table(
            "helpfulness",
            "Was this helpful? Per answer",
            ("topic", "answer", "yes", "no", "share yes", "comments"),
            sorted(
                (
                    (
                        titles.get(a, a),
                        a,
                        c["yes"],
                        c["no"],
                        _share(c["yes"], c["yes"] + c["no"]),
                        len(t.comments.get(a, ())),
                    )
                    for a, c in t.helpful.items()
                ),
                key=lambda r: (-(r[3] / max(r[2] + r[3], 1)), -r[3], r[0]),
            ),
        ),
        Table(
            "feedback_comments",
            "What patients were looking for, after 'No' (near-duplicates grouped)",
            ("topic", "answer", "count", "comment", "other wordings"),
            sorted(
                (
                    (titles.get(a, a), a, g.count, g.text, " | ".join(g.variants))
                    for a in t.comments
                    for g in group((a, scrub(text)) for text in t.comments[a])
                ),
                key=lambda r: (-r[2], r[0], r[3]),
            ),
        ),
        Table(
            "safety_per_week",
            "Safety replies per week (counts only)",
            ("week starting",) + SAFETY_KINDS,
            [(day_text(w),) + tuple(t.safety_per_week[w][k] for k in SAFETY_KINDS) for w in sorted(t.safety_per_week)],
        ),
    ]
    if t.emergency_texts:
        out.append(
            Table(
                "emergency_messages",
                "Messages that got an emergency reply (turned on by the clinic)",
                ("message",),
                [(scrub(text),) for text in t.emergency_texts],
            )
        )
    return out


def range_text(t: Tables) -> str:
    if t.first is None or t.last is None:
        return "no messages"
    first, last = (dt.datetime.fromtimestamp(x, dt.timezone.utc) for x in (t.first, t.last))
    return f"{first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M} UTC"
