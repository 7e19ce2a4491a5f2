"""Writes the report as one self-contained HTML page: inline styles, charts as embedded images, no scripts."""

import datetime as dt
from html import escape
from typing import Dict, List

from bot.report import charts
from bot.report.tables import Table
from bot.report.tally import NOT_ANSWERED_KINDS, SAFETY_KINDS, Tables

# Long lists stay readable: the CSV files hold every row.
MAX_ROWS = 200

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:0;background:#f6f7f9}
main{max-width:62rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #0b5394}
h3{font-size:1rem;margin:1.2rem 0 .4rem}.sub{color:#555;margin:0 0 1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem}
.card{background:#fff;border-radius:.5rem;padding:.75rem 1rem;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:1.5rem;color:#0b5394}
img{max-width:100%;height:auto;background:#fff;border-radius:.5rem;display:block}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem;margin:.5rem 0}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{background:#eef3f8}.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#555;font-size:.85rem}footer{margin-top:2.5rem;color:#444;font-size:.85rem;border-top:1px solid #ccc}
"""


def _table(table: Table, limit: int = MAX_ROWS) -> str:
    numeric = [isinstance(v, int) for v in table.rows[0]] if table.rows else [False] * len(table.headers)
    head = "".join(
        f'<th class="n">{escape(h)}</th>' if n else f"<th>{escape(h)}</th>"
        for h, n in zip(table.headers, numeric, strict=True)
    )
    body = []
    for row in table.rows[:limit]:
        cells = "".join(f'<td class="n">{v}</td>' if isinstance(v, int) else f"<td>{escape(str(v))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    more = (
        f'<p class="note">Showing {limit} of {len(table.rows)} rows; the CSV files (--csv) hold all.</p>'
        if len(table.rows) > limit
        else ""
    )
    if not table.rows:
        return '<p class="note">Nothing in this period.</p>'
    return (
        f'<table id="{table.name}"><caption hidden>{escape(table.title)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{more}"
    )


def _img(src: str, alt: str) -> str:
    return f'<img src="{src}" alt="{escape(alt)}">'


def render(t: Tables, tables: List[Table], source: str, period: str, retention_days: int, emergency_text: bool) -> str:
    """The whole page."""
    by: Dict[str, Table] = {x.name: x for x in tables}
    days = sorted(t.messages_per_day)
    unanswered = sum(sum(c.values()) for c in t.not_answered_per_day.values())
    yes = sum(c["yes"] for c in t.helpful.values())
    rated = yes + sum(c["no"] for c in t.helpful.values())
    share = {k: [100 * t.not_answered_per_day[d][k] / t.messages_per_day[d] for d in days] for k in NOT_ANSWERED_KINDS}
    weeks = sorted(t.safety_per_week)
    helpful_rows = by["helpfulness"].rows
    cards = [
        ("conversations", f"{t.conversations:,}"),
        ("patient messages", f"{t.messages:,}"),
        ("not answered", f"{100 * unanswered / t.messages:.1f}%" if t.messages else "-"),
        ("found answers helpful", f"{100 * yes / rated:.0f}% of {rated:,}" if rated else "no feedback yet"),
    ]
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        # No script, no outside resource of any kind: the file opens offline and can be mailed.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>LDN assistant report, {escape(period)}</title><style>{STYLE}</style></head><body><main>",
        "<h1>LDN assistant: the clinic's report</h1>",
        f'<p class="sub">{escape(period)}. Confidential: it holds patients\' own words (identifiers scrubbed).</p>',
        '<div class="cards">' + "".join(f'<div class="card"><b>{v}</b>{escape(k)}</div>' for k, v in cards) + "</div>",
        "<h2>What do patients ask?</h2>",
        _img(
            charts.per_day(days, [len(t.senders_per_day[d]) for d in days], [t.messages_per_day[d] for d in days]),
            "Conversations and messages per day",
        ),
        "<h3>Channel mix</h3>",
        _table(by["channels"]),
        "<h3>Answers given per topic</h3>",
        _img(
            charts.bars([r[0] for r in by["topics"].rows], [r[2] for r in by["topics"].rows], "answers given"),
            "Answers given per topic",
        ),
        "<h2>Where do we fail them?</h2>",
        "<h3>Share of messages that got the off-topic, not-covered or fallback reply</h3>",
        _img(charts.shares(days, share), "Share of messages not answered per day"),
        f"<h3>{escape(by['not_answered'].title)}</h3>",
        '<p class="note">Write new answers from the top of this list. Emails, phone numbers, long numbers and '
        "street addresses are replaced by [email], [phone], [number] and [address].</p>",
        _table(by["not_answered"]),
        "<h2>Which answers need work?</h2>",
        _img(
            charts.helpfulness([r[0] for r in helpful_rows], [(r[2], r[3]) for r in helpful_rows]),
            "Was this helpful, per answer",
        ),
        _table(by["helpfulness"]),
        f"<h3>{escape(by['feedback_comments'].title)}</h3>",
        _table(by["feedback_comments"]),
        "<h2>Safety</h2>",
        '<p class="note">How often the emergency, opioid and individual-dose replies were given. '
        + (
            "The messages behind emergency replies are listed below, as the clinic chose."
            if emergency_text
            else "Counts only: emergency messages are not shown (REPORT_EMERGENCY_TEXT=1 shows them)."
        )
        + "</p>",
        _img(
            charts.weekly(weeks, {k: [t.safety_per_week[w][k] for w in weeks] for k in SAFETY_KINDS}),
            "Safety replies per week",
        ),
        _table(by["safety_per_week"]),
    ]
    if "emergency_messages" in by:
        parts += ["<h3>Messages that got an emergency reply</h3>", _table(by["emergency_messages"])]
    parts += [
        "<footer>",
        f"<p><b>Time range:</b> {escape(period)} (messages found: {escape(_span(tables))}). "
        f"<b>Data source:</b> {escape(source)}. <b>Generated:</b> {generated}.</p>",
        "<p><b>How the numbers were computed.</b> A conversation is one conversation id (a channel's patient, or a "
        "widget chat); it counts on each day it has a patient message. Messages are the patients' messages. Each "
        "message is matched with the assistant's first reply to it: the off-topic, not-covered and fallback "
        "(rephrase, default) replies count as not answered. Near-duplicates are grouped when their content words "
        "(without common words, simply stemmed) are the same or mostly the same. 'Was this helpful?' counts come "
        "from the feedback events the assistant stores; comments are what patients wrote after 'No'. Days and "
        f"weeks (from Monday) are in UTC. Conversations past the retention period ({retention_days} days; 0 means "
        "one session) and deleted conversations are not included.</p></footer></main></body></html>",
    ]
    return "\n".join(parts)


def _span(tables: List[Table]) -> str:
    rows = next(x for x in tables if x.name == "per_day").rows
    return f"{rows[0][0]} to {rows[-1][0]}" if rows else "none"
