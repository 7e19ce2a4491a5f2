"""End to end: the real action server and Rasa server, over the REST webhook, as the widget uses them."""

import json
import sqlite3
import urllib.request

import pytest

from bot import knowledge
from bot.channels.senders import rest_conversation_id
from bot.nlg import render
from tests.helpers import body_of as _body, new_sender

pytestmark = [pytest.mark.model, pytest.mark.servers]

ENTRIES = knowledge.load()


def _sender() -> str:
    return new_sender("e2e")


def _in_dosing_form(client) -> str:
    """A new patient who has just asked when to take LDN."""
    s = _sender()
    assert render("ask_dose_time") in client.text(s, "when should i take my ldn")
    return s


def test_health(client):
    with urllib.request.urlopen(f"{client.url}/webhooks/rest/") as reply:
        assert reply.status == 200


def test_first_reply_carries_the_disclaimer_and_later_ones_do_not(client):
    sender = _sender()
    first = client.text(sender, "hello")
    assert render("disclaimer") in first
    assert render("disclaimer") not in client.text(sender, "what is ldn")


PHRASINGS = {
    "what_is_ldn": "my doctor wants me on ldn, what even is it",
    "full_vs_low_dose": "isnt naltrexone the drug for alcoholics?",
    "mechanism": "how does ldn actually work",
    "endorphins": "what are endorphins",
    "stress_immune": "how does stress affect my immune system",
    "not_immunosuppressive": "will ldn suppress my immune system",
    "autoimmunity": "does ldn help autoimmune disease",
    "fibromyalgia": "ive got fibromyalgia would ldn help",
    "lupus": "does it help lupus",
    "crohns": "what about crohns disease",
    "multiple_sclerosis": "can ldn help with multiple sclerosis",
    "crps": "ldn for crps?",
    "other_conditions": "could it help chronic infections",
    "thyroid": "does ldn help my thyroid",
    "depression": "can ldn help depression",
    "side_effects": "what are the side effects",
    "insomnia": "i cant sleep since starting ldn",
    "abdominal_pain": "my stomach hurts since i started ldn",
}


@pytest.mark.parametrize("name, text", sorted(PHRASINGS.items()))
def test_each_topic_gets_its_curated_answer_with_its_source(client, name, text):
    reply = client.text(_sender(), text)
    assert _body(name) in reply
    assert f"Source: clinic article, '{ENTRIES[name].section}'" in reply


@pytest.mark.parametrize(
    "text, name",
    [
        ("i took way too many of my pills", "emergency_overdose"),
        ("i want to end my life", "emergency_self_harm"),
        ("my face is swelling up", "emergency"),
        ("i have chest pain", "emergency"),
        ("is tramadol ok with ldn", "opioid_interaction"),
        ("how many mg should i take", "individual_dose"),
        ("are you a bot", "bot_challenge"),
        ("can i talk to a person", "human_handoff"),
        ("what's the weather tomorrow", "out_of_scope"),
    ],
)
def test_safety_rails_and_fixed_answers(client, text, name):
    assert _body(name) in client.text(_sender(), text)


def test_off_topic_offers_topic_buttons(client):
    [*_, last] = client.say(_sender(), "tell me a joke")
    assert [b["title"] for b in last["buttons"]] == [e.button for e in knowledge.topic_buttons()]


def test_dosing_conversation_with_interruption_gives_guidance(client):
    s = _sender()
    first = client.say(s, "when should i take my ldn")
    assert [b["title"] for b in first[-1]["buttons"]] == ["Morning", "Afternoon", "Evening", "Bedtime"]
    interrupted = client.text(s, "what are the side effects")
    assert _body("side_effects") in interrupted and render("ask_dose_time") in interrupted
    assert render("ask_sleep_trouble") in client.text(s, "I take it right before bed")
    guidance = client.text(s, "yes, i have really vivid dreams")
    assert _body("guidance_sleep_trouble") in guidance
    # the answers were cleared: asking again starts over
    assert render("ask_dose_time") in client.text(s, "when should i take it")


@pytest.mark.parametrize("answer", ["yes, im up til 3am", "yes, i'm up till 3am most nights"])
def test_a_yes_with_details_at_the_sleep_question_is_a_yes(client, answer):
    """Found in a walk through the widget: these got "I'm an automated assistant" or the dose rail."""
    s = _sender()
    client.say(s, "when should i take my ldn")
    assert render("ask_sleep_trouble") in client.text(s, "bedtime")
    assert _body("guidance_sleep_trouble") in client.text(s, answer)


def test_good_sleeper_at_night_is_not_told_to_switch(client):
    s = _sender()
    client.say(s, "what time should i take ldn")
    client.say(s, "at night")
    assert _body("guidance_no_sleep_trouble") in client.text(s, "no")


def test_unclear_answers_are_reasked_twice_then_the_form_ends_gracefully(client):
    s = _in_dosing_form(client)
    assert render("reask_dose_time") in client.text(s, "banana")
    assert render("reask_dose_time") in client.text(s, "purple monkey")
    assert _body("dosing_gave_up") in client.text(s, "qwerty")
    assert _body("what_is_ldn") in client.text(s, "what is ldn")


def test_stop_in_the_middle(client):
    s = _in_dosing_form(client)
    assert _body("stop") in client.text(s, "never mind")
    assert _body("thyroid") in client.text(s, "does ldn help the thyroid")


def test_emergency_wins_over_the_open_form(client):
    s = _in_dosing_form(client)
    reply = client.text(s, "at night but my throat is swelling")
    assert reply.startswith(_body("emergency")[:40])
    assert render("ask_sleep_trouble") not in reply
    # the form is closed: a time of day is not taken as an answer any more
    assert render("ask_sleep_trouble") not in client.text(s, "what is ldn")


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b'{"message": "hi"}', 400),
        (b'{"sender": "a", "message": ""}', 400),
        (b'{"sender": "a", "message": "' + b"x" * 2001 + b'"}', 400),
        (b"[]", 400),
    ],
)
def test_bad_input_gets_a_clear_400(client, body, status):
    code, reply = client.post(body, raw=True)
    assert code == status and reply["error"]


def test_html_is_stored_as_the_plain_text_sent_and_gets_a_normal_reply(live):
    client, work = live
    s, markup = _sender(), "<script>alert(1)</script><b>hi</b>"
    reply = client.text(s, markup)
    assert reply and render("service_problem") not in reply
    with sqlite3.connect(work / "tracker.db") as db:
        rows = db.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (rest_conversation_id(s),)
        ).fetchall()
    assert [json.loads(data)["text"] for (data,) in rows] == [markup]


def test_conversations_are_stored_in_the_sqlite_tracker_store(live):
    client, work = live
    s = _sender()
    client.say(s, "what is ldn")
    with sqlite3.connect(work / "tracker.db") as db:
        rows = db.execute("select type_name from events where sender_id = ?", (rest_conversation_id(s),)).fetchall()
    assert ("user",) in rows and ("bot",) in rows


def _user_turns(work, sender):
    with sqlite3.connect(work / "tracker.db") as db:
        return db.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (rest_conversation_id(sender),)
        ).fetchall()


def test_a_repeated_message_id_is_answered_once_with_the_same_reply(live):
    """The widget's "Try again" after a timeout sends the message again with its id: one answer, kept."""
    from concurrent.futures import ThreadPoolExecutor

    client, work = live
    s = _sender()
    body = {"sender": s, "message": "what is ldn", "message_id": "0123456789abcdef0123456789abcdef"}
    with ThreadPoolExecutor(max_workers=2) as pool:  # the retry while the first is still being answered
        (code_1, first), (code_2, second) = pool.map(lambda _: client.post(body), range(2))
    code_3, third = client.post(body)  # and after it was answered
    assert code_1 == code_2 == code_3 == 200 and first == second == third
    assert "naltrexone" in json.dumps(first).lower()
    assert len(_user_turns(work, s)) == 1
    client.post({**body, "message_id": "another-id"})  # a new message with the same words is answered again
    assert len(_user_turns(work, s)) == 2


@pytest.mark.parametrize("bad", ["x" * 65, 42, ["a"], {"id": 1}, "a b", ""])
def test_a_bad_message_id_gets_a_clear_400(client, bad):
    code, reply = client.post({"sender": _sender(), "message": "what is ldn", "message_id": bad})
    assert code == 400 and "'message_id'" in reply["error"]


def test_a_null_message_id_is_no_id(live):
    client, work = live
    s = _sender()
    for _ in range(2):
        code, _ = client.post({"sender": s, "message": "what is ldn", "message_id": None})
        assert code == 200
    assert len(_user_turns(work, s)) == 2
