"""Counts the report's tables from the store's events in one pass."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from bot import knowledge
from bot.dialogue.feedback_names import NOTED, SILENT_ACTIONS
from bot.dialogue.safety_names import emergency_responses
from bot.report.read import Row

# The replies that mean "I could not answer that", by what the report calls them.
NOT_ANSWERED = {
    "utter_out_of_scope": "off-topic",
    "utter_not_covered": "not covered",
    "utter_rephrase": "fallback",
    "utter_default": "fallback",
    "action_default_fallback": "fallback",
}
NOT_ANSWERED_KINDS = ("off-topic", "not covered", "fallback")
# The safety replies counted per week (bot/dialogue/safety_policy.py sends them).
# The emergency replies as bot/dialogue/safety_names.py names them; the others by their intent.
SAFETY_BY_INTENT = {"opioid_interaction": "opioid", "individual_dose": "individual dose"}
SAFETY_KINDS = ("emergency", "opioid", "individual dose")
DAY = 86400


def safety_replies() -> Dict[str, str]:
    """Response name -> safety kind (importing the Rasa policy would cost seconds)."""
    out = dict.fromkeys(emergency_responses(), "emergency")
    out.update({e.response: SAFETY_BY_INTENT[e.intent] for e in knowledge.by_intent() if e.intent in SAFETY_BY_INTENT})
    return out


def channel_of(row: Row) -> str:
    """The channel: as Rasa recorded it, else the prefix of the conversation id ("telegram:…")."""
    if row.channel:
        return row.channel
    return row.sender.split(":", 1)[0] if ":" in row.sender else "unknown"


def week_of(day: int) -> int:
    """The day number of the Monday that starts this day's week (day 0, 1970-01-01, was a Thursday)."""
    return day - (day + 3) % 7


@dataclass
class Tables:
    """Everything the report shows, as counts and lists (days are days since 1970-01-01, UTC)."""

    senders_per_day: Dict[int, Set[str]] = field(default_factory=lambda: defaultdict(set))
    messages_per_day: Counter = field(default_factory=Counter)
    channels: Dict[str, str] = field(default_factory=dict)  # sender -> channel of its first message
    topics: Counter = field(default_factory=Counter)
    not_answered_per_day: Dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    not_answered: List[Tuple[str, str]] = field(default_factory=list)  # (kind, text as typed)
    helpful: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # answer -> yes/no
    comments: Dict[str, List[str]] = field(default_factory=lambda: defaultdict(list))
    safety_per_week: Dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    emergency_texts: List[str] = field(default_factory=list)
    first: Optional[float] = None
    last: Optional[float] = None

    @property
    def conversations(self) -> int:
        return len(self.channels)

    @property
    def messages(self) -> int:
        return sum(self.messages_per_day.values())

    def channel_mix(self) -> Counter:
        return Counter(self.channels.values())


def tally(rows: Iterable[Row], emergency_text: bool = False) -> Tables:
    """One pass over the events: each patient message is matched with the first reply to it."""
    answers = {e.response: e.name for e in knowledge.answers()}
    safety_kinds = safety_replies()
    t = Tables()
    pending: Dict[str, Tuple[int, str]] = {}  # sender -> (day, text) of a message not yet replied to
    for row in rows:
        day = int(row.timestamp // DAY)
        if row.kind == "user":
            t.first = row.timestamp if t.first is None else t.first
            t.last = row.timestamp
            t.senders_per_day[day].add(row.sender)
            t.messages_per_day[day] += 1
            if row.sender not in t.channels:
                t.channels[row.sender] = channel_of(row)
            pending[row.sender] = (day, row.text or "")
        elif row.kind == "slot":
            value = row.value if isinstance(row.value, dict) else {}
            answer = value.get("answer")
            if not answer:
                continue
            if "helpful" in value:
                t.helpful[answer]["yes" if value["helpful"] else "no"] += 1
            elif value.get("comment") and row.sender in pending:
                t.comments[answer].append(pending[row.sender][1])
        elif row.action and row.action not in SILENT_ACTIONS:
            name = row.action
            if name in answers:
                t.topics[answers[name]] += 1
            safety = safety_kinds.get(name)
            if safety:
                t.safety_per_week[week_of(day)][safety] += 1
            asked = pending.pop(row.sender, None)
            if asked is None or name == NOTED:
                continue
            kind = NOT_ANSWERED.get(name)
            if kind:
                t.not_answered_per_day[asked[0]][kind] += 1
                t.not_answered.append((kind, asked[1]))
            elif safety == "emergency" and emergency_text:
                t.emergency_texts.append(asked[1])
    return t
