"""Forget me, on the running servers: the patient asks and confirms, or the widget's "Start over" asks;
the rows are gone from the database and the conversation cannot be retrieved."""
import pytest

from tests.helpers import body_of, new_sender
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
    from tests.channels import webhooks as hooks
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
