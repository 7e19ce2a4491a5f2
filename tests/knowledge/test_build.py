"""Generation of the domain responses and rules from the knowledge file."""

from bot import knowledge
from bot.knowledge import build
from tests.conftest import ROOT, load_yaml

# Rasa adds these to every domain.
DEFAULT_INTENTS = {"nlu_fallback", "restart", "back", "out_of_scope", "session_start"}


def test_build_writes_a_response_for_every_entry_and_copies_the_domain(tmp_path):
    build.build(tmp_path)
    responses = load_yaml(tmp_path / "domain" / "responses.yml")["responses"]
    assert set(responses) == {e.response for e in knowledge.load().values()}
    assert (tmp_path / "domain" / "domain.yml").exists()
    what_is = responses["utter_what_is_ldn"][0]["text"]
    assert what_is == knowledge.load()["what_is_ldn"].full_text


def test_topic_buttons_send_their_own_title_as_plain_text():
    menu = build.responses()["utter_topics"][0]["buttons"]
    assert menu and all(b["payload"] == b["title"] and not b["payload"].startswith("/") for b in menu)
    assert [b["title"] for b in menu] == [e.button for e in knowledge.topic_buttons()]


def test_rules_answer_every_intent_and_keep_or_end_the_form():
    rules = {r["rule"]: r for r in build.intent_rules()}
    for entry in knowledge.by_intent():
        plain = rules[f"reply to {entry.intent}"]
        assert plain["steps"] == [{"intent": entry.intent}, {"action": entry.response}]
        in_form = rules[f"reply to {entry.intent} during the dosing form"]["steps"]
        expected_end = {"active_loop": None} if entry.during_form == "end" else {"active_loop": "dosing_form"}
        assert in_form[-1] == expected_end
    assert rules["reply to emergency during the dosing form"]["steps"][-1] == {"active_loop": None}


def test_the_domain_gets_every_intent_answers_yml_replies_to(tmp_path):
    """The built domain's intents are domain.yml's own and answers.yml's, each written once, as Rasa merges them."""
    from rasa.shared.core.domain import Domain

    build.build(tmp_path)
    domain = Domain.load(str(tmp_path / "domain"))
    own = load_yaml(ROOT / "domain.yml")["intents"]
    assert set(domain.intents) == set(own) | set(knowledge.intents()) | DEFAULT_INTENTS
    assert len(own) + len(knowledge.intents()) == len(set(own) | set(knowledge.intents()))
    # Every intent has its reply: a rule for answers.yml's, the dosing form's for domain.yml's own.
    rules = {step["intent"] for rule in build.intent_rules() for step in rule["steps"] if "intent" in step}
    assert rules == set(knowledge.intents())
