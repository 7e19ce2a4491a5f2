"""Removes obvious identifiers from patients' free text before the report shows it."""

import re

# Order matters: emails before digits (an email may hold digits), phones before long digit runs.
_PATTERNS = (
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)),
    ("[link]", re.compile(r"\b(?:https?://|www\.)\S+", re.I)),
    # +1 (555) 123-4567, 555.123.4567, 555 123 4567, +44 20 7946 0958: 7+ digits with separators.
    ("[phone]", re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,}\d(?![\w])")),
    ("[number]", re.compile(r"\d{5,}")),
    # 12 Main Street, 4021 n. oak ave, 7 Elm Rd Apt 3: a house number, a name, a street word.
    (
        "[address]",
        re.compile(
            r"\b\d{1,6}\s+(?:[nsew]\.?\s+)?(?:[a-z][\w'.-]*\s+){1,3}"
            r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|"
            r"terrace|circle|cir|highway|hwy|parkway|pkwy|square|sq)\b\.?(?:\s+(?:apt|apartment|unit|suite|#)\s*\w+)?",
            re.I,
        ),
    ),
    ("[postcode]", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
)


def _phone_like(match: re.Match) -> bool:
    return sum(ch.isdigit() for ch in match.group(0)) >= 7


def scrub(text: str) -> str:
    """The text with emails, links, phone numbers, long digit runs and street addresses replaced."""
    out = text or ""
    for label, pattern in _PATTERNS:
        if label == "[phone]":
            out = pattern.sub(lambda m: label if _phone_like(m) else m.group(0), out)  # noqa: B023 (used at once)
        else:
            out = pattern.sub(label, out)
    return " ".join(out.split())
