"""'Was this helpful?' on the running servers: over REST and on SMS with numbered replies."""

import pytest

from bot import knowledge
from bot.channels.formatting import plain
from bot.nlg import render
from tests.channels import webhooks as hooks
from tests.helpers import body_of, new_sender

pytestmark = [pytest.mark.model, pytest.mark.servers]

QUESTION = render("ask_feedback")
# Topic buttons: what patients tap, so the NLU is sure of them.
FIRST, SECOND, THIRD = (e.button for e in knowledge.topic_buttons()[:3])


def asked(messages) -> bool:
    return any(m.get("text") == QUESTION for m in messages)


def two_answers(client, sender):
    first = client.say(sender, FIRST)
    second = client.say(sender, SECOND)
    assert not asked(first) and asked(second)
    assert second[-1]["text"] == QUESTION  # after the answer, not before it
    assert [b["title"] for b in second[-1]["buttons"]] == ["Yes", "No"]
    return second


def test_yes_gets_thanks_and_the_next_answers_are_not_asked_about(client):
    sender = new_sender("feedback")
    two_answers(client, sender)
    assert client.text(sender, "Yes") == render("feedback_thanks")
    assert not asked(client.say(sender, THIRD))
    assert not asked(client.say(sender, FIRST))


def test_no_asks_what_they_were_looking_for_and_notes_it(client):
    sender = new_sender("feedback")
    two_answers(client, sender)
    assert client.text(sender, "No") == render("ask_feedback_detail")
    assert client.text(sender, "I wanted to know the price") == render("feedback_noted")
    assert body_of("lupus") in client.text(sender, "does ldn help lupus")


def test_a_question_instead_of_an_answer_is_answered(client):
    sender = new_sender("feedback")
    two_answers(client, sender)
    reply = client.say(sender, "does ldn help lupus")
    assert body_of("lupus") in reply[0]["text"] and not asked(reply)


def test_a_question_instead_of_a_follow_up_is_answered(client):
    sender = new_sender("feedback")
    two_answers(client, sender)
    client.say(sender, "No")
    assert body_of("lupus") in client.text(sender, "does ldn help lupus")


def test_an_emergency_instead_of_an_answer_comes_first_and_no_question_follows(client):
    sender = new_sender("feedback")
    two_answers(client, sender)
    reply = client.text(sender, "I took way too many of my pills")
    assert reply.startswith(render("emergency_overdose").split(".")[0])
    for topic in (FIRST, SECOND, THIRD, "does ldn help lupus"):
        assert not asked(client.say(sender, topic))


def test_no_question_after_safety_replies(client):
    sender = new_sender("feedback")
    for text in ("can i take it with tramadol", "should i double my dose", FIRST):
        assert not asked(client.say(sender, text))


def test_sms_numbered_yes_and_no(client, fake_platform):
    def conversation(choice):
        patient = hooks.phone()
        to_patient = hooks.to_recipient(patient)
        sent = []
        for text in (FIRST, SECOND, choice):
            assert hooks.twilio(client.url, "twilio", hooks.sms(patient, text))[0] == 200
            sent = fake_platform.wait_for(to_patient, count=len(sent) + 1)
            if text == SECOND:
                question = sent[-1]["body"]["Body"]
                assert (
                    question.startswith(QUESTION) and "1. Yes\n2. No" in question and "Reply with a number" in question
                )
        return plain(sent[-1]["body"]["Body"])

    assert conversation("1") == plain(render("feedback_thanks"))
    assert conversation("2") == plain(render("ask_feedback_detail"))
