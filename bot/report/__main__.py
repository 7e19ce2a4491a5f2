"""make report: python -m bot.report [--since DATE] [--until DATE] [--out FILE] [--csv DIR] [--db PATH_OR_URL]."""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import List, Optional

from bot import settings
from bot.report import files, page, read, tables, tally
from bot.store import records


def _date(text: str) -> float:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-01") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()


def main(argv: Optional[List[str]] = None) -> int:
    service = settings.service()
    parser = argparse.ArgumentParser(prog="python -m bot.report", description=__doc__)
    parser.add_argument("--since", type=_date, help="first day (UTC), e.g. 2026-11-01 (default: everything kept)")
    parser.add_argument("--until", type=_date, help="last day (UTC), included (default: today)")
    parser.add_argument("--out", type=Path, default=Path("build/report.html"), help="the HTML file to write")
    parser.add_argument("--csv", type=Path, metavar="DIR", help="also write every table as a CSV file in DIR")
    parser.add_argument(
        "--db",
        default=service.tracker_db,
        help="the tracker store: a SQLite file or a SQLAlchemy URL (default: $TRACKER_DB)",
    )
    parser.add_argument(
        "--emergency-text",
        action="store_true",
        default=bool(service.report_emergency_text),
        help="show the messages behind emergency replies (default: counts only; REPORT_EMERGENCY_TEXT=1)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    since = args.since if args.since is not None else 0.0
    until = (args.until + 86400) if args.until is not None else time.time() + 86400
    if since >= until:
        print("error: --since is after --until", file=sys.stderr)
        return 2
    if "://" not in args.db and not Path(args.db).exists():
        print(
            f"error: no conversation database at {args.db} (run the assistant first, or set --db / TRACKER_DB)",
            file=sys.stderr,
        )
        return 1
    started = time.monotonic()
    expired = records.cutoff(service.retention_days)
    try:
        counts = tally.tally(
            read.rows(read.engine_for(args.db), since, until, expired, progress=not args.quiet),
            emergency_text=args.emergency_text,
        )
    except Exception as exc:  # a broken or foreign database: a clear message, not a traceback
        print(f"error: could not read {read.describe(args.db)}: {getattr(exc, 'orig', None) or exc}", file=sys.stderr)
        return 1
    all_tables = tables.build(counts)
    first = dt.datetime.fromtimestamp(since, dt.timezone.utc).date() if args.since is not None else None
    last = dt.datetime.fromtimestamp(until - 86400, dt.timezone.utc).date()
    period = f"{first} to {last}" if first else f"Everything kept, to {last}"
    html = page.render(counts, all_tables, read.describe(args.db), period, service.retention_days, args.emergency_text)
    try:
        files.write_html(args.out, html)
        if args.csv:
            files.write_csv(args.csv, all_tables)
    except OSError as exc:
        print(f"error: could not write the report to {exc.filename or args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"Wrote {args.out} ({counts.conversations:,} conversations, {counts.messages:,} messages) "
            f"in {time.monotonic() - started:.1f} s" + (f"; CSV files in {args.csv}" if args.csv else ""),
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
