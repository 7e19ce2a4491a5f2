"""The action server: bound to localhost unless told otherwise, and with a shared token when one is set."""

import argparse
import hmac
import logging
import sys
from typing import List, Optional

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request

from bot import settings

# Rasa sends it on every action call (endpoints.yml, action_endpoint.headers).
TOKEN_HEADER = "X-Action-Token"
logger = logging.getLogger(__name__)


def build(actions: str = "actions", token: Optional[str] = None) -> Sanic:
    """rasa_sdk's app, refusing action calls without the shared token when there is one."""
    token = settings.service().action_server_token if token is None else token
    app = create_app(actions, cors_origins=None)

    @app.middleware("request")
    async def check_token(request: Request):
        if not token or request.path == "/health":
            return None
        given = request.headers.get(TOKEN_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, token.encode()):
            logger.warning("refused an action call without the shared token")
            return response.json({"error": "missing or wrong action server token"}, status=403)
        return None

    return app


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    utils.configure_colored_logging(logging.INFO)
    utils.update_sanic_log_level()
    config = settings.service()
    if config.action_server_host not in ("127.0.0.1", "localhost", "::1") and not config.action_server_token:
        logger.warning(
            "the action server listens on %s without ACTION_SERVER_TOKEN: anyone who can reach it can call the actions",
            config.action_server_host,
        )
    # No access log: its lines would show every caller's address and path for nothing.
    build(args.actions).run(host=config.action_server_host, port=args.port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
