"""Operator commands on the conversation database: `purge` (retention) and `forget SENDER`."""

import argparse
import sys
from pathlib import Path
from typing import List

from bot import settings
from bot.channels import redact, senders
from bot.store import records

SENDER_HELP = (
    "the conversation as stored (telegram:12345, whatsapp:+15551234567), a phone number in any "
    "format (its SMS and WhatsApp conversations), or a p-… tag from the log (with the assistant's "
    "LOG_HASH_KEY)"
)


def conversations(engine, typed: str) -> List[str]:
    """The stored ids the operator's SENDER names (a log tag: those whose tag it is)."""
    if redact.is_tag(typed):
        return [sender for sender in records.senders(engine) if redact.tag(sender) == typed.strip()]
    return senders.stored_ids(typed)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.store", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("purge", help="delete conversations older than RETENTION_DAYS")
    forget = sub.add_parser("forget", help="delete everything stored for one patient")
    forget.add_argument("sender", help=SENDER_HELP)
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
            print(
                f"Deleted {count} conversation(s) older than the retention period "
                f"({service.retention_days} days; 0 means one session)."
            )
        else:
            records.undouble_ids(engine)  # as the assistant does at start, if it has not since
            rows = sum(records.forget(engine, sender) for sender in conversations(engine, args.sender))
            print(
                f"Deleted {rows} stored event(s) for that sender."
                if rows
                else "Nothing stored for that sender (check the id, e.g. telegram:12345 or whatsapp:+15551234567; "
                "a p-… tag matches only with the assistant's LOG_HASH_KEY)."
            )
    except Exception as exc:  # a broken database must give a clear message, not a traceback
        print(f"error: could not change {db}: {getattr(exc, 'orig', None) or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
