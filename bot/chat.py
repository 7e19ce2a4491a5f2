"""A terminal chat with the assistant over its REST channel: buttons are numbered, type a number to pick one."""

import argparse
import json
import sys
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List, Optional


def send(url: str, sender: str, text: str, timeout: float = 60) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return json.loads(reply.read())
    except urllib.error.HTTPError as err:
        if err.code not in (400, 429):  # 400: a clear message about the input; 429: a friendly "slow down"
            raise
        body = json.loads(err.read())
        return body if isinstance(body, list) else [{"text": f"(The assistant refused that: {body.get('error')})"}]


def show(messages: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    """Prints the bot's messages and returns the buttons of the last one that had any."""
    buttons: List[Dict[str, str]] = []
    for message in messages:
        if message.get("text"):
            print(f"\nBot: {message['text']}")
        if message.get("buttons"):
            buttons = message["buttons"]
            for i, button in enumerate(buttons, 1):
                print(f"  {i}. {button['title']}")
    return buttons


def pick(text: str, buttons: List[Dict[str, str]]) -> str:
    """A number picks that button's payload; anything else is sent as typed."""
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return buttons[int(text) - 1]["payload"]
    return text


def repl(url: str, sender: Optional[str] = None) -> None:
    sender = sender or f"terminal-{uuid.uuid4().hex}"
    print("Chat with the LDN assistant. Type 'quit' to leave.")
    buttons: List[Dict[str, str]] = []
    while True:
        try:
            text = input("\nYou: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if text.lower() in {"quit", "exit()", ":q"}:
            return
        if not text:
            continue
        try:
            buttons = show(send(url, sender, pick(text, buttons)))
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            print(f"\n(The assistant at {url} did not answer: {exc}. Is `make run` running?)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005")
    repl(parser.parse_args().url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
