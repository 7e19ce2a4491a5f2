"""`python -m bot.prod up` starts the production topology under supervisord and stops it on Ctrl+C, SIGTERM or
SIGHUP; `health` checks each part."""

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from bot.prod import health
from bot.prod.topology import MODEL, Topology
from bot.serve import serve_until_down, stop_on_signals


def up(model: Path) -> int:
    stop_on_signals()
    topology = Topology(model=model, echo=True)
    print(
        f"Starting PostgreSQL, Redis, the action server, {topology.processes} Rasa processes and nginx "
        f"(loading the model takes ~30 s)...",
        flush=True,
    )
    try:
        with topology:
            return serve_until_down(
                f"\nThe assistant is ready (logs: {topology.logs}).\n"
                f"  Front door (HTTPS): {topology.url}/webhooks/widget/\n"
                f"  Front door (HTTP):  {topology.http_url}/webhooks/widget/\n"
                f"  REST webhook:       POST {topology.url}/webhooks/rest/webhook\n"
                f"  Health:             {topology.url}/health, /health/rasa, /health/rasa/<i>, /health/actions\n"
                f"  Rasa processes:     {', '.join(topology.rasa_urls)}",
                topology.down,
            )
    except KeyboardInterrupt:
        pass
    except (RuntimeError, TimeoutError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("Stopped.")
    return 0


def check() -> int:
    """Prints each part's state (for monitoring from this host); exit code 1 when one is down."""
    checks = Topology().health()
    print(health.table(checks))
    return 0 if all(c.ok for c in checks) else 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.prod", description=__doc__)
    parser.add_argument("command", choices=["up", "health"])
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    return up(args.model) if args.command == "up" else check()


if __name__ == "__main__":
    sys.exit(main())
