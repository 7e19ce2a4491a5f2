"""Writes the report's files readable by their owner only (like the database), with CSV cells no spreadsheet runs."""

import csv
import os
import re
from pathlib import Path
from typing import Any, List, TextIO

from bot.report.tables import Table

# OWASP's CSV injection: a cell a spreadsheet would read as a formula starts with one of = + - @, a tab or a
# carriage return, also after spaces. A single quote before it makes it text.
FORMULA = re.compile(r"^[\t\r]|^\s*[=+\-@]")
# Our own numbers and the no-data mark "-" (tables.py) run nothing and stay as they are.
PLAIN_NUMBER = re.compile(r"-|[+-]?\d+(?:\.\d+)?%?")
PRIVATE = 0o600


def cell(value: Any) -> Any:
    """The value as a CSV cell: text that would start a formula gets a leading single quote."""
    if isinstance(value, str) and FORMULA.match(value) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def private_open(path: Path) -> TextIO:
    """Opens `path` for writing as a file only its owner can read (an existing file is emptied and tightened)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    os.fchmod(fd, PRIVATE)  # os.open's mode applies only when it creates the file
    return open(fd, "w", newline="", encoding="utf-8")


def write_html(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with private_open(path) as out:
        out.write(html)


def write_csv(folder: Path, all_tables: List[Table]) -> None:
    """One CSV file per table in `folder` (created readable by its owner only if it is new)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for table in all_tables:
        with private_open(folder / f"{table.name}.csv") as out:
            writer = csv.writer(out)
            writer.writerow([cell(h) for h in table.headers])
            writer.writerows([cell(v) for v in row] for row in table.rows)
