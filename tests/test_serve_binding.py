"""`make run` listens on this machine only (plain HTTP), unless RASA_HOST opens it."""

from pathlib import Path

import pytest

from bot import settings
from bot.serve import local_url, rasa_command
from tests.helpers import listening_addresses

LOOPBACK = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it


@pytest.mark.model
@pytest.mark.servers
def test_the_running_assistant_listens_on_this_machine_only(live):
    client, _ = live
    assert listening_addresses(int(client.url.rsplit(":", 1)[1])) == [LOOPBACK]  # no 0.0.0.0 and no ::


def test_rasa_host_opens_it_when_set():
    assert settings.service({}).rasa_host == "127.0.0.1"
    host = settings.service({"RASA_HOST": "0.0.0.0"}).rasa_host
    command = rasa_command(Path("m.tar.gz"), 5005, host, [])
    assert command[command.index("--interface") + 1] == "0.0.0.0"
    assert local_url(host, 5005) == local_url("127.0.0.1", 5005) == "http://localhost:5005"
    assert local_url("192.0.2.7", 5005) == "http://192.0.2.7:5005" and local_url("fd00::7", 80) == "http://[fd00::7]:80"
