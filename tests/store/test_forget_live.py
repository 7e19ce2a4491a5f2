"""Forget me, on the running servers: the patient asks and confirms, or the widget's "Start over" asks;
the rows are gone from the database and the conversation cannot be retrieved; or the operator's command."""

import os
import subprocess
import sys
import uuid

import pytest

from tests.channels import webhooks as hooks
from tests.conftest import CHANNEL_ENV, ROOT
from tests.helpers import body_of, new_sender, wait_until
from tests.store.db import forget, rows

pytestmark = [pytest.mark.model, pytest.mark.servers]


@pytest.mark.parametrize("asks", ["forget me", "delete my chat", "pls delte my conversation"])
def test_a_patient_who_confirms_is_forgotten(live, asks):
    client, work = live
    sender = new_sender("forget")
    client.text(sender, "what is LDN")
    assert body_of("forget_me") in client.text(sender, asks)
    assert rows(work / "tracker.db", sender) > 0
    assert body_of("forget_done") in client.text(sender, "yes")
    assert rows(work / "tracker.db", sender) == 0


def test_a_patient_who_declines_keeps_the_conversation(live):
    client, work = live
    sender = new_sender("keep")
    client.text(sender, "what is LDN")
    client.text(sender, "forget me")
    assert body_of("forget_kept") in client.text(sender, "no")
    assert rows(work / "tracker.db", sender) > 0


def test_forget_me_in_the_middle_of_the_dosing_form(live):
    client, work = live
    sender = new_sender("forget-form")
    assert body_of("ask_dose_time") in client.text(sender, "when should I take my LDN")
    assert body_of("forget_me") in client.text(sender, "delete my chat")
    assert body_of("forget_done") in client.text(sender, "yes")
    assert rows(work / "tracker.db", sender) == 0
    # A fresh start: the next message is not taken as an answer to the old form.
    assert "low dose naltrexone" in client.text(sender, "what is LDN")


def test_the_widgets_start_over_forgets_the_sender(live):
    client, work = live
    sender, other = new_sender("start-over"), new_sender("bystander")
    client.text(sender, "what is LDN")
    client.text(other, "what is LDN")
    assert forget(client, {"sender": sender}) == (200, {"forgotten": True})
    assert rows(work / "tracker.db", sender) == 0
    assert rows(work / "tracker.db", other) > 0, "another patient's conversation was deleted"


@pytest.mark.parametrize("body", [{}, {"sender": ""}, {"sender": "telegram:777002"}, {"sender": 5}, []])
def test_start_over_refuses_bad_or_foreign_senders_clearly(live, body):
    status, reply = forget(live[0], body)
    assert status == 400 and "sender" in reply["error"]


def test_forget_me_on_a_messaging_channel(live, fake_platform):
    client, work = live
    chat = hooks.unique_id()
    to_chat = hooks.to_recipient(str(chat))

    def say(text: str) -> str:
        before = len(fake_platform.matching(to_chat))
        assert hooks.telegram(client.url, hooks.tg_message(chat, text))[0] == 200
        sent = fake_platform.wait_for(to_chat, count=before + 1)[before:]
        return "\n".join(c["body"].get("text", "") for c in sent)

    say("what is LDN")
    assert rows(work / "tracker.db", f"telegram:{chat}") > 0
    assert body_of("forget_me") in say("forget me")
    assert body_of("forget_done") in say("yes")
    assert rows(work / "tracker.db", f"telegram:{chat}") == 0


def make_forget(db, typed: str) -> None:
    """`make forget SENDER=…` (the command it runs), from the command line while the assistant runs."""
    done = subprocess.run(
        [sys.executable, "-m", "bot.store", "forget", typed],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "Deleted" in done.stdout, done.stdout + done.stderr


def readable(work, text: str) -> bool:
    """True when the text can be read in the database files (the database and its write-ahead log)."""
    return text.encode() in b"".join(
        p.read_bytes() for p in (work / "tracker.db", work / "tracker.db-wal") if p.exists()
    )


def test_make_forget_leaves_no_deleted_text_in_the_write_ahead_log_while_the_assistant_runs(live):
    client, work = live
    sender, marker = new_sender("cli-forget"), f"Quimby{uuid.uuid4().hex[:8]}"
    client.text(sender, f"my name is {marker}, what is ldn")
    make_forget(work / "tracker.db", f"rest:{sender}")
    assert rows(work / "tracker.db", sender) == 0
    assert not readable(work, marker), "the deleted text is still readable in the database files"


def test_make_forget_deletes_a_whatsapp_conversation_as_the_readme_says(live, fake_platform):
    """Twilio's WhatsApp webhook as Twilio sends it (From=whatsapp:+1…), then `make forget SENDER=whatsapp:+1…`."""
    client, work = live
    db, number, marker = work / "tracker.db", hooks.phone(), f"Quimby{uuid.uuid4().hex[:8]}"
    to = CHANNEL_ENV["TWILIO_WHATSAPP_NUMBER"]
    assert (
        hooks.twilio(
            client.url, "whatsapp", hooks.sms(f"whatsapp:{number}", f"my name is {marker}, what is ldn", to=to)
        )[0]
        == 200
    )
    fake_platform.wait_for(hooks.to_recipient(f"whatsapp:{number}"))
    wait_until(lambda: rows(db, f"whatsapp:{number}"))
    assert rows(db, f"whatsapp:whatsapp:{number}") == 0
    make_forget(db, f"whatsapp:{number}")
    assert rows(db, f"whatsapp:{number}") == 0 and not readable(work, marker)
