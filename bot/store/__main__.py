"""Operator commands on the conversation database: `purge` (retention) and `forget SENDER`."""
import argparse
import sys
from pathlib import Path

from bot import settings
from bot.store import records


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.store", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("purge", help="delete conversations older than RETENTION_DAYS")
    forget = sub.add_parser("forget", help="delete everything stored for one sender id")
    forget.add_argument("sender", help="the sender id as stored, e.g. telegram:12345")
    args = parser.parse_args(argv)
    if args.command == "forget" and not args.sender.strip():
        print("error: give the sender id: make forget SENDER=<id>", file=sys.stderr)
        return 2
    service = settings.service()
    db = Path(service.tracker_db)
    if not db.exists():
        print(f"Nothing stored: no conversation database at {db}.")
        return 0
    engine = records.engine_for(str(db))
    try:
        if args.command == "purge":
            count = records.purge(engine, records.cutoff(service.retention_days))
            print(f"Deleted {count} conversation(s) older than the retention period "
                  f"({service.retention_days} days; 0 means one session).")
        else:
            rows = records.forget(engine, args.sender)
            print(f"Deleted {rows} stored event(s) for that sender." if rows
                  else "Nothing stored for that sender (check the id, e.g. telegram:12345).")
    except Exception as exc:  # a broken database must give a clear message, not a traceback
        print(f"error: could not change {db}: {getattr(exc, 'orig', None) or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
