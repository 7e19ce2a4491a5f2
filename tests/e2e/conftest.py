"""Real servers for end-to-end tests: the action server and Rasa, talked to over the REST webhook."""
import json
import urllib.error
import urllib.request
from typing import Any, Dict, List

import pytest

from bot.serve import servers


class Client:
    """A patient talking to the REST channel."""

    def __init__(self, url: str):
        self.url = url

    def post(self, body: Any, raw: bool = False) -> Any:
        data = body if raw else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", data=data,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        status, messages = self.post({"sender": sender, "message": text})
        assert status == 200, messages
        return messages

    def text(self, sender: str, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text))


@pytest.fixture(scope="session")
def live(model_path, tmp_path_factory):
    """Both real servers, on ports of their own so a developer's `make run` can stay up."""
    work = tmp_path_factory.mktemp("live")
    with servers(model_path, port=5105, action_port=5155, tracker_db=work / "tracker.db", log_dir=work) as running:
        yield Client(running.url), work


@pytest.fixture(scope="session")
def client(live):
    return live[0]
