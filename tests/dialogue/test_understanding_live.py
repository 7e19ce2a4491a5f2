"""The understanding policy on the real servers over REST: follow-ups, two-part questions, near topics, limits."""

import pytest

from bot.nlg import render
from tests.helpers import body_of, flat, new_sender

pytestmark = [pytest.mark.model, pytest.mark.servers]


def _conversation(client, *messages: str) -> str:
    """The reply to the last message, flattened, after the ones before it in one conversation."""
    sender = new_sender("understanding")
    reply = ""
    for text in messages:
        reply = flat(client.text(sender, text))
    return reply


def _has(reply: str, name: str) -> bool:
    return flat(body_of(name)) in reply


def _bridge_words(name: str) -> str:
    """A bridge's words before its first near-subject placeholder (the subject's name comes after)."""
    return flat(render(name, {"near_subject": "\x00"}).split("\x00")[0])


TOPICS = (
    "what_is_ldn",
    "full_vs_low_dose",
    "mechanism",
    "endorphins",
    "stress_immune",
    "not_immunosuppressive",
    "autoimmunity",
    "fibromyalgia",
    "lupus",
    "crohns",
    "multiple_sclerosis",
    "crps",
    "other_conditions",
    "thyroid",
    "depression",
    "side_effects",
    "insomnia",
    "abdominal_pain",
    "titration",
)


def _not_covered_words() -> str:
    return flat(render("not_covered").split("that")[0])


@pytest.mark.parametrize(
    "before, follow_up, expected",
    [
        # LDN goes without saying after an answer about it.
        (["how does ldn work"], "and why start on such a small amount and creep up?", "titration"),
        # Round 99 (after its first contact): a condition asked after the answer just given, however sure of that answer;
        # a near topic as a correction ("He means..."), a medicine compared ("vs my wellbutrin").
        (["How is LDN thought to work?"], "And does that mechanism explain why it might help in Crohn's?", "crohns"),
        (
            ["Is LDN used for autoimmune diseases?"],
            "He means his Sjögren's in particular, the dry eyes one.",
            "autoimmunity",
        ),
        (["ldn for depression?"], "vs my wellbutrin, which works better", "depression"),
        # A follow-up in Scots (round 52): "whit aboot" is "what about".
        (["does ldn help fibro"], "aye an whit aboot lupus then", "lupus"),
        # Round 69-70: one side effect pointed at after the list, read unsure as another topic.
        (["which side effects does ldn have"], "the belly one. does that last long", "abdominal_pain"),
        # Stress asked about after an answer (round 50).
        (["what are endorphins"], "ok and how does stress come into it?", "stress_immune"),
        # "that" is the condition named a turn or two before.
        (
            ["my husband has multiple sclerosis", "his doctor wants him to try ldn"],
            "is it used for that?",
            "multiple_sclerosis",
        ),
        # Not worded as a follow-up, but an LDN question once LDN goes without saying (understanding round 3).
        (["does ldn help fibromyalgia"], "I'm at 1.5 mg now. should I go up to 3 next week?", "individual_dose"),
        (["is ldn used for hashimotos"], "im at 1.5 now should i go to 3 next week", "individual_dose"),
        (
            ["what conditions is ldn used for"],
            "which has the most evidence... actually, just tell me about MS",
            "multiple_sclerosis",
        ),
        # A longer follow-up that points back ("that"), not only a short one (understanding round 13).
        (
            ["what is low dose naltrexone"],
            "ok so how does that compare with the naltrexone people get when they want to quit alcohol?",
            "full_vs_low_dose",
        ),
        # Others "coming off heroin" is not stopping LDN (understanding rounds 9 and 14).
        (["how does ldn work"], "is it the same stuff they give people coming off heroin?", "full_vs_low_dose"),
        # "What about UC" may read as a request for the topics menu (understanding round 12).
        (["can ldn help crohns disease"], "what about UC", "crohns"),
        # December 3 (round 27): a follow-up the classifier was torn over, its first article topic; "it" read as LDN
        # in a follow-up that does not name it; a question misread as "stop" ("is it legit for that?").
        (["Is LDN used for lupus?"], "and what else is it used for?", "other_conditions"),
        (["is ldn an immunosuppressant?"], "so why would it help with autoimmune stuff then?", "autoimmunity"),
        (["I have celiac disease", "a lady at church swears by LDN"], "is it legit for that?", "autoimmunity"),
        # A walk through the chat (December 4): a texted follow-up ("ty", "wat", "ppl" are no other subject).
        (["is ldn used for fibro"], "ty. wat side effects do ppl notice", "side_effects"),
        # Round 40: a word that is only ever a verb names no other subject ("alluded").
        (
            ["What is the difference between low dose and full dose naltrexone?"],
            "Understood. Then what exactly happens during the rebound you alluded to?",
            "mechanism",
        ),
        # Rounds 40-42: a side effect named as "the stomach one" after the side effects.
        (["what are the side effects of ldn"], "the stomach one - how common, should I worry", "abdominal_pain"),
        (["What side effects does LDN have?"], "Shame. And the sleep one, how bad is it?", "insomnia"),
        # Round 44: a follow-up of a word or three that names nothing asks more of the answer before.
        (["what side effects does ldn have"], "is it bad", "side_effects"),
        (["Is LDN an immunosuppressant?"], "why", "not_immunosuppressive"),
        (["How do people start on LDN?"], "how long", "titration"),
        # Rounds 87-88 (after their first contact): whether it lasts, in four words; autoimmune conditions as a group,
        # after an answer; a side effect named in another word.
        (["my stomach hurts since ldn"], "goes away or stays?", "abdominal_pain"),
        (["Is LDN an immunosuppressant?"], "then how would it help autoimmune disease?", "autoimmunity"),
        (["what side effects does ldn have"], "the sleeplessness worries me, say more about that one?", "insomnia"),
        # Rounds 89-90: one side effect of the list just given, however the classifier read the message.
        (["What side effects does LDN have?"], "Sorry, the stomach one - is that just at the start?", "abdominal_pain"),
        # Round 102 (after its first contact): one side effect named, then what is asked of it, after the side effects.
        (["ldn side effects?"], "The dreams specifically: how common, and any fixes?", "insomnia"),
        # Round 104 (after its first contact): whether it lasts, among a few more words; how "that" works, after an
        # answer about a condition.
        (["does ldn cause insomnia"], "ok and does that go away eventually or", "insomnia"),
        (["does ldn help lupus"], "ok so how does that work", "mechanism"),
        # Round 105: where LDN comes into the answer just given.
        (["does stress actually mess with your immune system"], "so where does ldn come into that", "stress_immune"),
        # Round 121 (after its first contact): the article's conditions set aside, others asked.
        (
            ["Which conditions LDN is used for?"],
            "Besides MS, Crohn's and fibromyalgia, which other ones please?",
            "other_conditions",
        ),
        # Round 141 (after its first contact): whether it lasts, with the verb's ending left off and a few more words.
        (["stomach pain from LDN, normal?"], "and it go away after some time or stay forever?", "abdominal_pain"),
        # Round 142 (after its first contact): thanks, then a question in a sentence of its own (only "You're welcome");
        # one side effect of the list pointed back at with "that".
        (
            ["Could you summarise what is known about LDN in fibromyalgia?"],
            "Thank you. Does that apply to MS as well?",
            "multiple_sclerosis",
        ),
        (["what is ldn"], "thank you, and is it ok for crohns?", "crohns"),
        # Round 148: a comparison opened with "compare", or asked as same or different, after the depression answer.
        (["does ldn help depression"], "compare to a normal antidepressant, same or different?", "depression"),
        # Round 149: "very down" is low mood; a near subject named in a follow-up clause of its own gets its bridge.
        (
            ["her thyroid is low, does LDN help"],
            "she's been really down since the move too. would it help that?",
            "depression",
        ),
        (
            ["Does LDN help autoimmune conditions?"],
            "Would Hashimoto's come under that? It's autoimmune as well, isn't it?",
            "thyroid",
        ),
        (
            ["what side effects does it have"],
            "what about that stomach one you mentioned how bad does that get",
            "abdominal_pain",
        ),
    ],
)
def test_a_follow_up_keeps_the_thread(client, before, follow_up, expected):
    assert _has(_conversation(client, *before, follow_up), expected)


@pytest.mark.parametrize(
    "text",
    [
        # Round 33: an opioid's name with a slip, and brand names used in Australia.
        "dentist gave me codiene for a wisdom tooth, is ldn still ok tonight",
        "i've been given oxycodon after surgery, should i keep taking ldn?",
        "Mum came home from hospital with Endone. She takes LDN most nights. Is that alright?",
        # Round 40: Canadian and South African names of codeine medicines ("Tylenol" alone is no opioid).
        "I got Tylenol 3s after my dental surgery. Are they okay with LDN?",
        "Is it ok to take Mybulen when I'm on LDN? I've got a bad toothache.",
        # Round 104: an opioid's name dictated in pieces.
        "she has tram a doll for the really bad pain days can she take that with the LDN",
        "her urologist gave her hydro co done after the kidney stone last year and she still has some left is that ok",
        # Round 117: as Spanish writes it, accent and all.
        "After my operación of the rodilla they give me the codeína. I take also the LDN. Is problem?",
        "The Tylenol con codeína, the number 3, I can take with the LDN?",
    ],
)
def test_an_opioid_misspelled_or_named_by_its_brand_gets_the_opioid_warning(client, text):
    reply = _conversation(client, text)
    assert _has(reply, "opioid_interaction"), reply


@pytest.mark.parametrize(
    "follow_up",
    [
        "a friend swears by ldn, can I begin it?",
        # Whether it is all right, and a question the classifier reads as one's own dose (round 27).
        "so is ldn ok then",
        "so would ldn be alright for me?",
        # Round 45: whether it is a problem, read by the classifier as "are you a bot?".
        "so is that going to be a problem",
    ],
)
def test_an_opioid_named_earlier_gets_the_opioid_warning_when_starting_ldn_comes_up(client, follow_up):
    reply = _conversation(client, "I'm on hydrocodone after my back injury", follow_up)
    assert _has(reply, "opioid_interaction"), reply


@pytest.mark.parametrize(
    "text",
    [
        # Rounds 28-30: texting spellings; the time asked for someone else; two times weighed against each other.
        "wen shud i tak ldn",
        "My dad asks me every week what time he's supposed to have his LDN. What should I say?",
        "my GP said mornings but my neighbour on LDN swears by nighttime?",
        # Rounds 36-38: an hour, a point in the day, AM or PM, two times set against each other without a "?".
        "What hour is best for LDN?",
        "AM or PM dosing for LDN, from a practical standpoint?",
        "morning vs night for ldn, what's the deal",
        # Rounds 50 and 52: the ideal or right time.
        "what's the right time to take low dose naltrexone",
        "Is there an ideal time of day for this LDN?",
        # Round 81: the time asked in so many words, however sure the classifier was that it was not covered; two
        # times weighed beside a word of taking.
        "am or pm for the ldn, people online disagree",
        "Evening with my other tablets, or morning with breakfast?",
        # Round 105: a drink taken with it beside the times weighed is no interaction.
        "Is it better to take the LDN in the evening, or can I also take it in the morning with my coffee?",
        # Round 106: two times weighed in the question, a condition named in the telling after it.
        "bedtime or breakfast for LDN?? my fibro group is split right down the middle on this and it's getting heated",
        # Round 112: two times weighed in a first sentence with no question mark.
        "morning or night for LDN. I keep going back and forth and I can't remember why",
        # Round 135: "the pill" alone, with a drink beside the times; AM and PM weighed with no clock time.
        "When should he take the pill, in the morning with his café or at night?",
        "AM vs PM dosing: which, and why?",
        # Round 134: which slot of a pill box it goes in (and round 133's compartments, read as the opioid warning).
        "my wife sets out my pills in one of them weekly boxes, she wants to know what slot to put the ldn in",
        "My pill organiser has four compartments (morn, noon, eve, bed). Which one does LDN go in?",
        # Round 141: advice on timing one's dose, no amount or change, read as one's own dose.
        "I'd like advice on timing my dose.",
    ],
)
def test_the_time_to_take_it_asked_in_other_words_starts_the_dosing_talk(client, text):
    reply = _conversation(client, text)
    assert _has(reply, "ask_dose_time"), reply


@pytest.mark.parametrize(
    "text, next_question",
    [
        # Found on a run from a fresh clone: the time taken now told beside the question of the best time.
        ("I take it in the morning, is that the best time?", "ask_sleep_trouble"),
        ("Is bedtime the best time? Right now I take it at 10pm", "ask_sleep_trouble"),
        ("I've been taking it at bedtime but wondering if morning is better", "ask_sleep_trouble"),
        # A time asked about is no time told.
        ("Should I take it at night?", "ask_dose_time"),
        ("my doctor said take it at night, when is best?", "ask_dose_time"),
        # Rounds 34, 102 and 103: a time that is not LDN's (classes, labs, the thyroid pill) is no time told.
        ("whens the best time to take my ldn, i have 8am classes", "ask_dose_time"),
        (
            "Is there a right time to take LDN? I take my thyroid pill in the morning so I'm not sure whether it matters",
            "ask_dose_time",
        ),
    ],
)
def test_the_time_told_beside_the_question_is_not_asked_again(client, text, next_question):
    reply = _conversation(client, text)
    other = {"ask_sleep_trouble": "ask_dose_time", "ask_dose_time": "ask_sleep_trouble"}[next_question]
    assert _has(reply, next_question) and not _has(reply, other), reply


@pytest.mark.parametrize(
    "text",
    [
        # Round 112: memory words read by the classifier as a request to delete the chat, which names nothing to delete.
        "is it off label? my GP said something about off label and I forgot to ask what that means for me",
        "where do people get LDN from. online? my friend told me where but I can't remember",
    ],
)
def test_forgetting_told_is_no_request_to_delete_the_chat(client, text):
    reply = _conversation(client, text)
    assert not _has(reply, "forget_me") and reply, reply


def test_a_question_an_unsure_classifier_reads_as_stop_does_not_end_the_talk(client):
    # (round 27: typos threw the classifier to "stop" at 0.32)
    reply = _conversation(client, "can it cuase wierd dreams")
    assert not _has(reply, "stop") and not _has(reply, "goodbye"), reply


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("what are the side effects, and is it ever used for lupus?", "side_effects", "lupus"),
        ("Two questions: how does LDN work? Second, can it upset my stomach?", "mechanism", "abdominal_pain"),
        # A lead-in before the question word (understanding round 5).
        ("ok two things: does ldn give you belly pain, and will it keep me awake?", "abdominal_pain", "insomnia"),
        # A patient's own numbered list (understanding rounds 10 and 14).
        ("quick ones 1) what is ldn exactly 2) can it cause stomach pain", "what_is_ldn", "abdominal_pain"),
        # Understanding round 16: the subject asked about again with another question; "if so" leads in.
        (
            "Can LDN help lupus? And would it keep me up at night, since lupus already wrecks my sleep?",
            "lupus",
            "insomnia",
        ),
        ("does LDN boost endorphins, if so could that help my low mood", "endorphins", "depression"),
        # A list on separate lines, with or without bullets (understanding round 17).
        ("* how does ldn work\n* does it give people a sore stomach", "mechanism", "abdominal_pain"),
        ("what is ldn exactly\nand is it used for crohns", "what_is_ldn", "crohns"),
        # A question of two words is a clause of its own (understanding round 18).
        ("whats ldn, and does it help fibro", "what_is_ldn", "fibromyalgia"),
        # "It" asked of two of the article's topics is LDN (understanding round 21).
        ("does it help with low mood? and how do endorphins come into it", "depression", "endorphins"),
        # Other subjects than the one named, then that one.
        (
            "which illnesses other than MS has LDN been tried for, and does it help MS?",
            "other_conditions",
            "multiple_sclerosis",
        ),
        # December 3 (rounds 24-26): a long lead-in before a colon; a condition told as the setting of a question
        # about LDN itself; a capital that opens a sentence is no medicine's name; "it" in the clause that does
        # not name LDN; a subject told in a fragment before "does it help".
        (
            "on hold with the pharmacy so might as well ask: is ldn used for crohns, and does it keep you up at night",
            "crohns",
            "insomnia",
        ),
        (
            "lupus is autoimmune so would ldn lower my immunity? and what about lupus itself?",
            "not_immunosuppressive",
            "lupus",
        ),
        (
            "Hello. Firstly, what does LDN do for fibromyalgia? Secondly, what side effects do people get while taking it?",
            "fibromyalgia",
            "side_effects",
        ),
        ("crohns + ldn: will it help, and how do you build up the dose", "crohns", "titration"),
        # Round 27: a question after "but" past a comma; buying it online without a prescription.
        ("I know it blocks receptors, but why does it help fibro, and is insomnia common?", "fibromyalgia", "insomnia"),
        # Round 29: a lead-in before a colon read apart from the question; full-dose naltrexone described by the
        # drinking it is given for (no question of alcohol taken with LDN).
        (
            "Couple of things: what side effects do people get, and do you build the dose up slowly?",
            "side_effects",
            "titration",
        ),
        ("what is ldn, and is it the same stuff my cousin got for his drinking?", "what_is_ldn", "full_vs_low_dose"),
        # Rounds 38-39: a question quoted; a subject put before the question; "both" after two things told.
        (
            'My husband wants to know: "how does it work and what\'s all this about endorphins?"',
            "mechanism",
            "endorphins",
        ),
        ("For CRPS is LDN used, and do people start low and work up?", "crps", "titration"),
        (
            "Week one on LDN: sleep is broken and my stomach's been cramping. Are both of those known with it?",
            "insomnia",
            "abdominal_pain",
        ),
        # Round 50 (after its first contact): a clause followed by a bare mark of its own ("Difference?").
        (
            "Full dose versus low dose naltrexone. Difference? And the side effects of the low one?",
            "full_vs_low_dose",
            "side_effects",
        ),
        # Rounds 47-51 (after their first contact): endorphins named in a question read as how LDN works get both.
        ("how exactly does ldn act on endorfins", "mechanism", "endorphins"),
        # Round 56 (after its first contact): a numbered question in shorthand; two lead-ins before the question; a
        # topic asked beside the stress chain; a question reported ("asks which").
        (
            "Dad has SLE. 1) Efficacy in lupus? 2) Is it immunosuppressive? He gets colds a lot.",
            "lupus",
            "not_immunosuppressive",
        ),
        (
            "I'm a bit scared of starting, sorry, what side effects come with LDN, and do you start on a tiny amount and"
            " build up?",
            "side_effects",
            "titration",
        ),
        (
            "Does LDN do anything for autoimmune disease? And people say stress wrecks the immune system, how does that"
            " fit in?",
            "autoimmunity",
            "stress_immune",
        ),
        (
            "My aunt asks which other conditions LDN is used for. And does it help depression?",
            "other_conditions",
            "depression",
        ),
        # Round 67-68 (after their first contact): a topic named alone, then a question; a told sign with its
        # question midway ("is that normal") before another question.
        ("dreams are wild is that normal. and how does it work anyway", "insomnia", "mechanism"),
        # Rounds 88-90 (after their first contact): a filler after "and"; a side effect in everyday words.
        ("What is it exactly and, sorry, how does it work?", "what_is_ldn", "mechanism"),
        ("Does it work for MS and is it going to wreck my sleep?", "multiple_sclerosis", "insomnia"),
        # Rounds 93-94: a patient's numbered list, its items asked without a mark; a list's number is no dose.
        ("1) how LDN is thought to work. 2) the side effects people get.", "mechanism", "side_effects"),
        (
            "Two things: 1) what's the usual dose for alcohol dependence? 2) the side effects",
            "full_vs_low_dose",
            "side_effects",
        ),
        # Round 97 (after its first contact): clinicians' shorthand for both.
        ("What's the MOA and what s/e should I anticipate?", "mechanism", "side_effects"),
        # Round 99 (after its first contact): a bare topic after "and"; an article condition beside a near topic, first.
        ("ldn + crps? and side fx", "crps", "side_effects"),
        # Round 101 (after its first contact): a claim told, then "Is true?"; what else it is used for after a condition;
        # a question joined on late by "but"; "se" after "common".
        ("My cousin say LDN make the endorphin go up. Is true? And it can help lupus also?", "endorphins", "lupus"),
        ("does ldn help lupus and what other things is it good for", "lupus", "other_conditions"),
        (
            "I keep hearing stress makes lupus worse which, honestly, sure, fine, but does stress really change your"
            " immune system, and also does ldn help lupus",
            "stress_immune",
            "lupus",
        ),
        ("what is ldn? and what are the common se", "what_is_ldn", "side_effects"),
        # Round 102 (after its first contact): a list numbered in brackets; endorphins and LDN set side by side.
        ("Two questions: (1) how LDN works, (2) what the side effects are.", "mechanism", "side_effects"),
        (
            "Endorphins and LDN: what's the link? Separately: does stress change the immune system?",
            "endorphins",
            "stress_immune",
        ),
        # Round 104 (after its first contact): "and" texted as "n"; a premise, then a question of "this"; two questions
        # numbered in words, read whole as one's own dose; a question on each side of an aside in dashes.
        ("does ldn boost endorphins n would that help w my depression", "endorphins", "depression"),
        ("I have autoimmune. LDN is good for this? Also I hear it make sleep bad, true?", "autoimmunity", "insomnia"),
        (
            "Two questions, if I may, and I shall try to be brief (my former pupils would laugh at that). First, what"
            " precisely is LDN? And second, what side effects ought I to be watching for once I begin?",
            "what_is_ldn",
            "side_effects",
        ),
        # Round 105: a bare question of LDN itself with LDN unsaid, then another of it, among what is told.
        (
            "what side effects and do you have to build up slowly or whatever, the pamphlet was in like size 2 font",
            "side_effects",
            "titration",
        ),
        # ... and an opioid named: the warning first, then the question of the article (opioids as what others quit).
        (
            "all I find online about naltrexone is people getting off opioids. how is the low dose different from that?",
            "opioid_interaction",
            "full_vs_low_dose",
        ),
        ("I'm on tramadol for my back. Also, does LDN help with MS?", "opioid_interaction", "multiple_sclerosis"),
        (
            "What does the article say about LDN for complex regional pain syndrome? I'm reading about central"
            " sensitisation and wondering if it's related.",
            "crps",
            "fibromyalgia",
        ),
        # Round 115: a list, bulleted, numbered or "Q1", its items no questions by their marks; "+" joining LDN to a
        # condition is no medicine taken with it.
        ("- LDN vs full-dose naltrexone diff\n- FDA approved for anything at the low dose?", "full_vs_low_dose", None),
        ("1. LDN effect on mood/depression\n2. side effect profile", "depression", "side_effects"),
        (
            "Q1 stress <-> immune system relationship\nQ2 LDN is not immunosuppressive \u2014 correct?",
            "stress_immune",
            "not_immunosuppressive",
        ),
        ("Crohn's + LDN: evidence?\nalso: could I drop Humira if LDN works?", "crohns", None),
        # ... a question at a run-on clause's end: "what is that"
        (
            "that endorphin business the doctor talked about what is that and is this stuff safe to take for years on"
            " end",
            "endorphins",
            None,
        ),
        # Round 117: lettered after a lead-in.
        (
            "I would appreciate clarity on: (a) the side effects of LDN in general, and (b) whether it is safe to remain"
            " on it for ten or twenty years.",
            "side_effects",
            None,
        ),
        # Round 121 (after its first contact): a request's second thing; a question word after a preposition.
        ("Tell me about the side effects of LDN, and also the dreams people get.", "side_effects", "insomnia"),
        (
            "Explain full dose versus low dose, and for which other conditions the low dose is used.",
            "full_vs_low_dose",
            "other_conditions",
        ),
        # Session 30: a question of whether it helps a condition, or of the full dose, beside another.
        ("what side effects does it have, and does it do anything for fibromyalgia?", "side_effects", "fibromyalgia"),
        (
            "how is it different from the naltrexone for drinking, and why start so low?",
            "full_vs_low_dose",
            "titration",
        ),
        # Round 132: a slip of spelling in a part, read as the word meant there too ("side efects").
        ("what are the side efects of it, and does it help fibromyalgia?", "side_effects", "fibromyalgia"),
        # Round 148: "first off" and "second" as a list's places; having both in one's system.
        ("My doctor says LDN could help my CRPS, so first off does it, and second, will insurance pay?", "crps", None),
        (
            "My stomach hurts since I started LDN, is that from it, and I take gabapentin too, is it ok to have both in "
            "my system?",
            "abdominal_pain",
            None,
        ),
    ],
)
def test_both_parts_of_a_two_part_question_are_answered(client, text, first, second):
    reply = _conversation(client, text)
    if second is None:  # the second part the honest limit
        assert _has(reply, first) and _not_covered_words() in reply, reply
        assert reply.index(flat(body_of(first))) < reply.index(_not_covered_words())
        return
    assert _has(reply, first) and _has(reply, second), reply
    assert reply.index(flat(body_of(first))) < reply.index(flat(body_of(second)))


@pytest.mark.parametrize(
    "text, topics",
    [
        # Two of the article's subjects, asked about with "either" (thyroid and mood are subjects too).
        ("I have lupus and an underactive thyroid. Could LDN help either?", ("lupus", "thyroid")),
        ("can ldn help my thyroid and my low mood at once", ("thyroid", "depression")),
        # "Both" of two subjects the message names, not the message's own topic (understanding round 11).
        ("strange dreams and low mood since starting ldn, could it cause both?", ("insomnia", "depression")),
        # Understanding round 20: side effects told in other words, both asked about.
        (
            "my stomach's been sore and I keep waking at 4am since I began ldn. could it be causing both?",
            ("abdominal_pain", "insomnia"),
        ),
        # A clause that tells of a side effect, then "is that a known side effect?" asks about it (round 16).
        (
            "My wife started LDN last week and now has a tummy ache. Is that a known side effect, and how do you "
            "build up the dose?",
            ("abdominal_pain", "titration"),
        ),
        # A clause that tells, then a question pointing back at it.
        (
            "I get belly pain since I began LDN. Is that common, and can it keep me awake?",
            ("abdominal_pain", "insomnia"),
        ),
        # Round 98 (after its first contact): "outline" names no subject of its own.
        (
            "Could you outline the proposed mechanism, and then the adverse effects that have been reported?",
            ("mechanism", "side_effects"),
        ),
    ],
)
def test_every_subject_of_a_question_is_answered_once(client, text, topics):
    reply = _conversation(client, text)
    assert all(reply.count(flat(body_of(topic))) == 1 for topic in topics), reply


@pytest.mark.parametrize(
    "text, topics",
    [
        # Rounds 83-84 (after their first contact): two complaints told, one in everyday words, asked about together.
        ("Belly ache and poor sleep since she started. Is it the LDN?", ("abdominal_pain", "insomnia")),
        # Round 108: told by their everyday complaint; asked of "it" with the "does" left out.
        ("Stomach's been sour and I'm up half the night. Both from the LDN?", ("abdominal_pain", "insomnia")),
        ("CRPS and fibro. It help either one", ("crps", "fibromyalgia")),
        # Round 148: a clause read unsurely as one topic, in a message read surely as another no clause is read as.
        ("stres make immune sistem weak? endorphins connect there? i confuse", ("stress_immune", "endorphins")),
        # Round 148: someone else's kids, lived near, are no question about children.
        (
            "My thyroid is sluggish and my mood's been low since my sister moved to Ohio to be near her kids, so can LDN "
            "help the thyroid and would it lift my mood?",
            ("thyroid", "depression"),
        ),
    ],
)
def test_two_subjects_told_or_asked_together_are_both_answered(client, text, topics):
    reply = _conversation(client, text)
    assert all(_has(reply, topic) for topic in topics), reply


def test_a_subject_named_twice_is_answered_once(client):
    reply = _conversation(client, "Fibro and insomnia both here. Will LDN help the fibro or make my sleep worse?")
    assert reply.count(flat(body_of("fibromyalgia"))) == 1 and _has(reply, "insomnia"), reply


@pytest.mark.parametrize(
    "messages",
    [
        ["can i drop back down to 1 mg, the dreams are too much?"],
        ["does ldn help fibromyalgia", "I'm on 2 now, when can I bump up to 4.5?"],
        # No number to go to (understanding round 6).
        ["does ldn help lupus", "my first dose was 1.5. Should I step up now?"],
        ["Been on 1.5 mg a month and no change. Is it time to increase?"],
        # Read by the classifier as the dosing-time question (found on a walk through the widget).
        ["Time to bump up to 4.5? been on 3mg a month"],
        # "Go higher" with no number (understanding round 9).
        ["six weeks at 1.5 mg, nothing yet. should I go higher?"],
        # Whether an amount suits oneself; a change told, then asked about (understanding round 16).
        ["is 1.5 mg too much for me? I feel wired all day"],
        ["on 4.5 of ldn for two years. planning to go down to 3. is that fine?"],
        # A step up asked about beside one's amount, without a number to go to (understanding round 18).
        ["been on 3 mg of ldn for a month with no side effects, can I go higher?"],
        # Understanding round 19: staying at an amount; a jump "too fast"; one's own plan told, not asked.
        ["the plan says 4.5 but 3 feels right. ok to just stay at 3?"],
        ["went from 1.5 straight to 4.5 ldn, too quick?"],
        ["planning to bump my ldn up to 5mg myself next week"],
        # Halving one's dose, no number and no LDN named (understanding round 20).
        ["the dreams are too much, might halve my dose for a while. ok?"],
        # December 3 (round 24): someone else's dose; "lower it" after an amount that ends a sentence; keeping on
        # going up or staying put.
        ["my wife is on 3mg and still aching everywhere. Could she go up, maybe to 4.5?"],
        ["Been taking LDN for a year at 3. Can I raise it now the pain is back?"],
        ["I'm at 1.5mg like the plan said but the headaches are back, should I keep going up or stay here?"],
        # Rounds 36-38: a break from one's LDN and a restart; whether someone should be on an amount by now.
        ["Can I pause my LDN for the week I'm away and then restart at the same dose?"],
        ["want to take a week off my ldn to see if it's doing anything. ok to just stop and restart at the same dose?"],
        ["Mom is on 2 mg. Shouldn't she be on the full 4.5 by now?"],
        # Rounds 39-40: splitting an amount; one's amount told, then "time to bump it?".
        ["thinking of splitting my 4.5 into half in the morning and half at night, good idea for me?"],
        ["been on 1.5 for six weeks and not feeling much. time to bump it?"],
        # Rounds 41-42: two amounts, one gone back to; ready to increase; going up by now.
        ["4.5 gives me crazy dreams but 3 felt fine. Can I just go back down to 3?"],
        [
            "My wife is on 2 mg and her specialist said 'go up when you're ready'. How do we know when she's ready to increase?"
        ],
        ["does ldn help fibro", "should I be going up by now, it's been three weeks"],
        # Rounds 47-49: a question without its mark after the amount told; a step back to an amount; a unit in
        # words; the top of the range asked of one's amount; someone else's "time to go up" and "cut her dose".
        ["been on 2 for a month should i go to 3"],
        ["Might go back down to 3 until the dreams calm down. Sensible?"],
        ["Is 4 milligrams too little for me? My pain's no better."],
        ["At 3, nothing much yet. How high can I take it?"],
        ["I'm on 4.5 now. What's the maximum, and should I aim for it?"],
        ["Dad has been on 1.5 for six weeks. Time for him to go up?"],
        ["the nightmares are awful, she wants to halve her dose. she can do that?"],
        # Round 51 (after its first contact): an amount planned; an amount weighed "for me"; an arrow for "to".
        ["on 3 right now, thinking about 4.5. sensible?"],
        ["is 1 too much for her? she's tiny"],
        ["going 3 -> 1.5 because of the dreams, ok?"],
        # Rounds 81-84 (after their first contact): the amount the doctor put one on, then a change; an amount one
        # wants to try; a number asked whether it would suit.
        ["my doctor has me on 1.5. feels like nothing. up it?"],
        ["rheumatologist put me on 3 but i want to try 4.5, ok?"],
        ["I'm on 3. Would 4.5 be better?"],
        # Rounds 87-88 (after their first contact): someone else's dose; an amount told, then whether that suits; a
        # step back; a break and a restart at one's full dose.
        ["What dose should my husband be on for his MS?"],
        ["Her script says 1.5 mg. That seems so small. Is that enough for her?"],
        [
            "how do people start ldn",
            "He's going up to 4.5 over the month. If he feels worse, should he drop back a step?",
        ],
        ["She skipped a week on holiday, can she restart at her full 4.5?"],
        ["Been on 3 for months. Can I push to 4.5?"],
        ["My script says 4.5 but people say less works better - should I lower mine?"],
        # Rounds 91-92: an amount asked to work better; a change already made, asked after; the right dose for one's
        # size; the next step; reducing in a second language's word order; the lower dose named by its place.
        ["she's been at 3 for months, would 4.5 work better for her?"],
        ["I cut my dose to 1.5 mg myself because of the dreams. Was that the right thing to do?"],
        ["What would be the right dose for a woman of my size?"],
        # Round 102 (after its first contact): past an amount; on and on up.
        ["I weigh 110 kg. Should I be going above 4.5 mg?"],
        ["Her doctor wrote 'up to 4.5' but she's on 3 and feels fine. Does she have to keep going up?"],
        ["I'm on 1.5 mg now. Shall I proceed to the next step this week?"],
        ["Client feel much better now. She can reduce the LDN dose?"],
        ["Should I drop back down to the lower dose till my belly settles?"],
        # Round 96 (after its first contact): two doses at once for one missed, inside the dosing talk too.
        ["when should i take it", "Missed one. Take two tonight?"],
        # Round 99 (after its first contact): less of it, asked after a side effect told.
        [
            "Is stomach ache a side effect?",
            "It's been three weeks and it's still there.",
            "Should he take less of it then?",
        ],
        # Round 97 (after its first contact): the whole pill instead of the half prescribed; a break for a time.
        ["doc said half a pill\ncan i just take the whole thing"],
        ["thinking about pausing ldn for like a week over spring break is that fine"],
        # Round 104: an amount of a liquid, asked as a doubt (read as the dosing-time question for "this time").
        ["the pharmacy gave her the liquid LDN this time and I'm not sure if 1 ml is the right amount for her"],
        # Rounds 111-112: an amount someone else wants to try; how often it is taken; a step by an amount in words; a
        # tablet halved; the old and the new prescribed amount weighed.
        ["my mom wants to try 9mg bc she read online more is better. should she?"],
        ["Want to take mine every other day instead of daily. Fine?"],
        [
            "My prescription says go up half a milligram a week. Could I hurry it along and go up a whole milligram at a time?"
        ],
        ["Can I halve my tablet on the nights the dreams are bad, drop to 2.25 or thereabouts?"],
        ["my new prescription says 2.5 and my old one was 3, should I just finish the old bottle first?"],
        # Round 113: an amount asked in the order of a statement.
        ["My médica say 1.5 but a friend say start with 3 is better. I go with 3 direct?"],
        # Round 114: French's "descend"; the amount someone should be at by now.
        ["I want to descend to 1.5 because of the dreams. It is ok to do that alone?"],
        ["How do people usually start it? Low and build up?", "Right. So he's on 1.5 now — should he be at 3 by now?"],
        # Round 134: the amounts as bare numbers, LDN unsaid (read as off-topic).
        ["doc said 4.5 but im thinkin of stayin at 3 since my stomach is ok there, is that alright"],
        # Rounds 140-141 (after their first contact): an amount said by voice with "to" for "too" and no question mark;
        # which dose, the person before the verb; an amount weighed as "better" with no verb; two at once, LDN unsaid.
        ["my neurologist started me at four point five right out of the gate is that to high for me"],
        [
            "The pharmacy gave Madame Joseph the 4.5 but the doctor told her start with 1.5. Which dose she should take now?"
        ],
        ["4.5 mg not help my lupus after 2 month. I take 6 mg better?"],
        ["what if i take 2 at once since one dont seem to be doing nothin"],
        # Round 143: one's amount made less, with the amount after it.
        ["I take 3 mg now but sleep is bad. Maybe I make it less, 1.5?"],
        # Round 145: less asked in the order of a statement, a dose brought down, a dose kept where it is, in Jamaican
        # English ("mi" before what one does is "I").
        ["Mi feel good now, mi wonder if mi can take less of the LDN. Mi can drop it down likkle bit?"],
        ["How do people start LDN?", "And if mi feel fine pon the low one, mi can just stay there and not go up?"],
        # Round 146: whether one must go up, as said aloud.
        ["Doc wants me at 3. I'm at 1.5 and feeling fine. Do I gotta go up?"],
    ],
)
def test_a_change_of_ones_own_dose_to_a_number_gets_the_own_dose_reply(client, messages):
    assert _has(_conversation(client, *messages), "individual_dose")


def test_the_general_question_of_going_up_slowly_is_not_ones_own_dose(client):
    # Caught by the fresh-clone run: "go up" without one's own next step is the article's general point.
    reply = _conversation(client, "should I start on a low dose and go up?")
    assert _has(reply, "titration") and not _has(reply, "individual_dose"), reply


def test_telling_of_a_dose_change_is_not_asking_for_one(client):
    reply = _conversation(client, "does ldn help fibromyalgia", "went up to 4.5 mg last week and now I can't sleep")
    assert not _has(reply, "individual_dose") and _has(reply, "insomnia"), reply


@pytest.mark.parametrize(
    "text, topic",
    [
        ("does ldn help fibromyalgia and is it covered by my insurance?", "fibromyalgia"),
        # The other medicine's own dose is not one's LDN dose (understanding round 12).
        ("I'm on 50mg of zoloft. Can LDN help depression, and is it safe alongside the zoloft?", "depression"),
        ("on lexapro 20mg - would ldn lift my mood, and can I take it with the lexapro?", "depression"),
        # "Combining", and "while I'm taking" (understanding round 13).
        ("does ldn help fibromyalgia, and is combining it with my gabapentin a problem?", "fibromyalgia"),
        # Understanding round 16: a clause the clause model cannot place asks about the medicine the message names;
        # where to buy it; a condition told too briefly to be a clause, then "that".
        (
            "crohns for 8 years, on humira. does ldn help crohns, and could i quit the humira and only take ldn",
            "crohns",
        ),
        ("is ldn used for MS, and where do people buy it?", "multiple_sclerosis"),
        # "I also want to know" breaks at "also", and still asks (understanding round 20).
        ("can ldn give you stomach trouble? I also want to know if insurance pays for it", "abdominal_pain"),
        # Other conditions besides one set aside, and a price, in one message (understanding round 21).
        ("which conditions besides lupus is ldn used for, and what does it cost a month?", "other_conditions"),
        ("underactive thyroid here. can ldn help that, and is it pricey?", "thyroid"),
        # Understanding round 17: another medicine told of after a topic asked about; "with LDN" in a clause that
        # names no other medicine is no taking together.
        ("Is LDN used for lupus? I'd like to swap my plaquenil for it.", "lupus"),
        ("so what's the story with LDN and stress... and is it ok with my wellbutrin?", "stress_immune"),
        # Round 29: "what's LDN" (two words) is a question of its own.
        ("what's ldn and roughly what does it cost a month", "what_is_ldn"),
        # Round 39: a condition told first, then "does LDN help" and another subject; a condition joined to LDN by
        # "+".
        ("Crohn's. Does LDN help, and is it covered by insurance", "crohns"),
        ("lupus + LDN? and can I keep breastfeeding on it", "lupus"),
        # Rounds 50-51 (after their first contact): a clause followed by a bare "Normal?"; a question dictated in the
        # middle of a clause that tells first, unmarked.
        ("Tummy cramps on LDN. Normal? And can I buy it online", "abdominal_pain"),
        ("my husband has MS does it help MS and is it safe to take for years", "multiple_sclerosis"),
        ("my mum has crps in her leg does ldn help that and does medicare pay for it", "crps"),
        # Round 55 (after its first contact): an aside between "and" and the question; an unmarked "so is it"; the
        # Spanish "y" between two questions, and "dejar" (stop) another medicine.
        (
            "what are the side effects of ldn, and (the real question) is it ok while trying to get pregnant?",
            "side_effects",
        ),
        ("is LDN an autoimmune thing generally? also I'm breastfeeding so is it even an option rn", "autoimmunity"),
        ("can LDN help my hypothyroid, y puedo dejar my levothyroxine if I take it?", "thyroid"),
        # Rounds 67-68 (after their first contact): the second clause points at "it" but is itself the practical
        # question; a topic named alone before it.
        ("how does ldn work and where would someone even buy it, a normal pharmacy?", "mechanism"),
        ("side effects. and is it safe to take for years", "side_effects"),
        # Rounds 75-76 (after their first contact): a terse question that is a sentence of its own beside a named
        # interaction; the interaction in a dialect's words ("wit my ... pill, de lisinopril").
        ("LDN work for autoimmune? and can take with my metformin?", "autoimmunity"),
        # Rounds 83-84 (after their first contact): a medicine known by name taken with "it"; a question reported with
        # "is asking" before it.
        ("how does it work, and is it ok to keep my zoloft going with it", "mechanism"),
        ("My mother is asking LDN use in lupus and also can she have it with her metformin?", "lupus"),
        (
            "Side effects on dis LDN, what dey are? And it gonna be alright wit my blood pressure pill, de lisinopril?",
            "side_effects",
        ),
        # Round 97 (after its first contact): a topic only named before "and" and a named interaction; a question
        # "wondered" about; stress and autoimmune disease in one clause, beside drinking on it.
        ("Side effects of LDN, and is it OK w/ my Lexapro?", "side_effects"),
        (
            "I wondered how stress affects the immune system, since his MS always seems worse when he is upset. Also,"
            " is it something he can take with his baclofen?",
            "stress_immune",
        ),
        (
            "does stress make autoimmune stuff worse and is that why ldn is a thing, also can i drink on it this"
            " weekend",
            "stress_immune",
        ),
        # Round 98 (after its first contact): "co-administered" with a brand taken.
        (
            "Is there anything on LDN for hypothyroidism, and can it be co-administered with my wife's Armour Thyroid?",
            "thyroid",
        ),
        # Rounds 107 and 109: a complaint helped "with her" is no medicine taken with it; whether it is safe for her age,
        # the child told after; whether one may take it, asked after a request ("and also if I can take it when...").
        ("Can LDN help with her low mood, and can she take it alongside her sertraline?", "depression"),
        # Round 110: a condition "and ldn" is no medicine taken with it.
        ("whats the deal with depression and ldn. and can i take it with my lexapro", "depression"),
        ("Does it help CRPS, and is it safe for someone her age? She's 17.", "crps"),
        (
            "I want to know what side effects have the LDN, and also if I can take it when I am breastfeeding my baby.",
            "side_effects",
        ),
        # Round 112: a replacement asked beside the other conditions, by the treatment's form ("injections").
        (
            "For which conditions other than autoimmune is LDN used? And could it replace the interferon injections of"
            " my husband?",
            "other_conditions",
        ),
        # Round 113: pregnancy asked in Portuguese words.
        ("Which side effects has the LDN? And I am grávida of 3 months, posso tomar?", "side_effects"),
        # Round 124: alcohol named by the drink; a medicine asked with Spanish words.
        ("does it help CRPS and can i still have a couple beers after work on it", "crps"),
        ("does it help my fibro? ¿se puede tomar con la metformina?", "fibromyalgia"),
    ],
)
def test_a_topic_and_an_uncovered_subject_get_the_answer_and_the_honest_limit(client, text, topic):
    reply = _conversation(client, text)
    assert _has(reply, topic) and _not_covered_words() in reply and not _has(reply, "individual_dose"), reply


@pytest.mark.parametrize(
    "text, bridge, topic",
    [
        ("could LDN do anything for my rheumatoid arthritis?", "bridge_autoimmune", "autoimmunity"),
        ("is low dose naltrexone ever tried for ulcerative colitis", "bridge_bowel", "crohns"),
        ("I've had Lyme disease for years, does LDN help?", "bridge_after_infection", "other_conditions"),
        # A medicine compared with LDN for the bridge's own topic (depression is a subject of the article too).
        ("would LDN beat an SSRI for my depression?", "bridge_antidepressants", "depression"),
        ("is ldn better than sertraline for low mood?", "bridge_antidepressants", "depression"),
        # Understanding round 9's near topics: a first episode of demyelination; a sign of the subject that is
        # itself not covered (hair loss beside alopecia); an illness that often follows an infection.
        (
            "the MRI found demyelination but no MS diagnosis, is LDN ever used for that?",
            "bridge_ms",
            "multiple_sclerosis",
        ),
        (
            "I have alopecia areata and my hair is falling out in clumps, could ldn help?",
            "bridge_autoimmune",
            "autoimmunity",
        ),
        ("is LDN used for chronic fatigue syndrome?", "bridge_after_infection", "other_conditions"),
        # A near topic asked about for someone, with no word of a dose, is not one's own dose (round 16).
        (
            "My sister has Sjogren's, with the dry eyes and all. Is LDN something for her?",
            "bridge_autoimmune",
            "autoimmunity",
        ),
        # Understanding round 12: in this assistant a near topic named alone, or after "what about", asks about LDN.
        ("psoriasis??", "bridge_autoimmune", "autoimmunity"),
        ("what about celiac disease? my gut is a mess", "bridge_autoimmune", "autoimmunity"),
        # Understanding round 11's near topics: a side effect the article does not name; a short name and a
        # test result of Hashimoto's; fatigue after a virus.
        ("does low dose naltrexone make you nauseous?", "bridge_side_effect_unnamed", "side_effects"),
        # Rounds 83-84 (after their first contact): the same subjects in everyday words.
        ("had the runs all week since I started LDN, normal?", "bridge_stomach_unnamed", "abdominal_pain"),
        ("my tsh is high but not enough for pills, would ldn do anything for that?", "bridge_thyroid_kind", "thyroid"),
        (
            "I get the winter blues every year, does LDN help with that kind of thing?",
            "bridge_depression_kind",
            "depression",
        ),
        ("my thyroid antibodies are high, would LDN do anything?", "bridge_thyroid_cause", "thyroid"),
        (
            "still exhausted months after a virus, post-viral fatigue they call it. is LDN an option?",
            "bridge_after_infection",
            "other_conditions",
        ),
        # Rounds 87-88 (after their first contact): subjects described by their signs, not named.
        ("red rash across her cheeks and nose, sore joints. is ldn used for that?", "bridge_signs", "lupus"),
        (
            "numb patches that come and go, blurry sight in one eye, and her MRI showed lesions. would ldn be relevant?",
            "bridge_signs",
            "multiple_sclerosis",
        ),
        (
            "since he fractured his wrist the skin there went purple and he cant bear the sheet on it. ldn?",
            "bridge_signs",
            "crps",
        ),
        ("I'm so sad all the time and have no energy for anything. can LDN help?", "bridge_signs_mood", "depression"),
        (
            "the doctor says her immune system is attacking her own joints. would LDN help?",
            "bridge_autoimmune_described",
            "autoimmunity",
        ),
        (
            "she hurts all over and nothing shows on her tests, would LDN do anything?",
            "bridge_widespread_pain",
            "fibromyalgia",
        ),
        ("her GP said her thyroid is sluggish. would LDN help?", "bridge_thyroid_kind", "thyroid"),
        # (a sign of its own that the article leaves out, beside the subject: weight gain with low thyroid)
        ("gaining weight and always cold, thyroid is sluggish. would ldn help?", "bridge_thyroid_kind", "thyroid"),
        # (a number of times a day that is a sign of the subject, not a time to take it)
        ("running to the loo 8 times a day, they say it's IBD. ldn?", "bridge_bowel", "crohns"),
        # Rounds 89-90 (after their first contact): more subjects by their signs; a name with a bare question.
        (
            "my sister gets a red rash over her nose and cheeks in the sun, and sore joints. does ldn help that?",
            "bridge_signs",
            "lupus",
        ),
        (
            "after he crushed his foot it went mottled purple and the blanket touching it is agony. would LDN help?",
            "bridge_signs",
            "crps",
        ),
        (
            "always cold, gaining weight, my hair is thinning and I'm so tired. would ldn help any of that?",
            "bridge_signs",
            "thyroid",
        ),
        (
            "every time work gets stressful I come down with something. is that what ldn is about?",
            "bridge_stress_described",
            "stress_immune",
        ),
        ("is LDN messing with the runner's high?", "bridge_endorphins_described", "endorphins"),
        # Round 97 (after its first contact): a near topic asked of the medicine pointed at ("this", "mine"); CRPS told
        # by a hand that burns after a break.
        (
            "Is this related to the 'runner's high' one hears about? My father ran marathons in his fifties.",
            "bridge_endorphins_described",
            "endorphins",
        ),
        (
            "vivitrol\nmy nephew got a shot of that\nis that the same stuff as mine",
            "bridge_full_dose",
            "full_vs_low_dose",
        ),
        # Round 99 (after its first contact): corticosteroids; post-exertional malaise.
        (
            "How does the article's idea of immune modulation compare with how corticosteroids act on the immune system?",
            "bridge_immunosuppressants",
            "not_immunosuppressive",
        ),
        ("ldn for post exertional malaise? crash after doing anything", "bridge_after_infection", "other_conditions"),
        (
            "my hand burns and swells\never since i broke my wrist last fall\ndoc wont name it\nwould ldn help",
            "bridge_signs",
            "crps",
        ),
        ("Vitiligo. Any use?", "bridge_autoimmune", "autoimmunity"),
        # Rounds 91-92: the immune system attacking the thyroid, or turning on the body; a lasting illness since covid.
        (
            "her doctor says her body is fighting her own thyroid gland. could LDN help?",
            "bridge_thyroid_attack",
            "thyroid",
        ),
        (
            "dry eyes and mouth, and the rheumatologist says my immune system is turning on my glands. ldn?",
            "bridge_autoimmune_described",
            "autoimmunity",
        ),
        (
            "ever since I had covid two winters ago I'm worn out and foggy. is ldn used for that?",
            "bridge_after_infection",
            "other_conditions",
        ),
        # Round 107: anxiety; full-dose naltrexone set beside "it" (LDN on this assistant).
        (
            "He's constantly anxious about when the next flare will come. Would LDN help with anxiety at all?",
            "bridge_anxiety",
            "depression",
        ),
        ("Is it at all similar to Vivitrol? I've seen the ads on TV.", "bridge_full_dose", "full_vs_low_dose"),
        # Round 110: ulcerative colitis by how much of the bowel it takes.
        (
            "pancolitis, flaring for 3 months straight. is there any reason to think ldn would touch that",
            "bridge_bowel",
            "crohns",
        ),
        # Round 101 (after its first contact): what an opioid antagonist is.
        ("what does opioid antagonist mean? the pharmacist said ldn is one", "bridge_antagonist", "mechanism"),
        # (read unsurely as a request to delete the chat)
        (
            "My neurologist suspects early demyelinating disease, lesions on MRI but no formal diagnosis yet. Is LDN"
            " relevant at that stage?",
            "bridge_ms",
            "multiple_sclerosis",
        ),
        # Rounds 111-112: low mood told with its season; a kind of lupus; an illness named by its start after a virus.
        (
            "every winter i get so down the dark gets to me would ldn help that seasonal thing",
            "bridge_depression_kind",
            "depression",
        ),
        (
            "i only have the skin kind of lupus discoid they call it not the whole body kind would ldn help the skin kind",
            "bridge_lupus_kind",
            "lupus",
        ),
        # (and lupus a medicine brought on, with its own caution: clinical content check, session 24)
        ("they think my aunt has drug-induced lupus, would LDN help her?", "bridge_drug_lupus", "lupus"),
        (
            "I've had brain fog and fatigue since I had covid, they call it post-viral. would LDN help with that",
            "bridge_after_infection",
            "other_conditions",
        ),
        # Round 112: CRPS told by its signs after an operation or a crash.
        (
            "The wife's had burning pain, swelling and a funny colour in her foot since her knee op. They're wondering"
            " about LDN, is it used for that?",
            "bridge_signs",
            "crps",
        ),
        (
            "my mom has nerve damage in her leg from a car crash and it burns all the time n is super sensitive to touch."
            " would ldn help?",
            "bridge_signs",
            "crps",
        ),
        # Rounds 10 and 103 (lost in session 24 to a retrained classifier): anxiety asked as what LDN does for it.
        ("does LDN do anything for anxiety? mine is constant", "bridge_anxiety", "depression"),
        (
            "I've been so anxious since the diagnosis, like constantly... is LDN used for anxiety at all?",
            "bridge_anxiety",
            "depression",
        ),
        # Rounds 115-116: stomach complaints get the article's nearest side effect, belly pain; the stress response by
        # its names; a treatment said to raise endorphins; another medicine with naltrexone in it; full-dose
        # naltrexone set beside "what I'm getting".
        ("ldn has me bloated like a balloon lol is that a thing", "bridge_stomach_unnamed", "abdominal_pain"),
        (
            "My doctor keeps saying my 'HPA axis' has been out of whack from years of stress. Is that connected to LDN?",
            "bridge_stress_response",
            "stress_immune",
        ),
        (
            "her physio does acupunture and says it releses endorphins. is ldn working on the same system",
            "bridge_endorphins_other",
            "endorphins",
        ),
        (
            "My sister take Contrave for the weight, she say it have naltrexone inside. Is same like LDN?",
            "bridge_naltrexone_other",
            "full_vs_low_dose",
        ),
        (
            "back in the nineties they gave my brother revia to quit drinkin is that the same as what im gettin",
            "bridge_full_dose",
            "full_vs_low_dose",
        ),
        # Round 134: depression after a birth, named (read as a question about pregnancy).
        (
            "I had postpartum depression after my third, is LDN ever used for that kind of thing?",
            "bridge_depression_kind",
            "depression",
        ),
        # Round 138: "underactive thyroid" (a near topic of its own) was found first, so the reply said "not covered" to
        # the Hashimoto's named; the near topic the entity ruler names is the one bridged (and named in the bridge).
        (
            "Mummy doctor say her underactive thyroid come from Hashimoto. LDN any good for Hashimoto?",
            "bridge_thyroid_cause",
            "thyroid",
        ),
        # Round 148: how it acts set against another way ("modulating rather than suppressing") is no replacement.
        (
            "Plaquenil gets called an immunomodulator. Is LDN in that category too, modulating rather than suppressing?",
            "bridge_immunosuppressants",
            "not_immunosuppressive",
        ),
    ],
)
def test_a_near_topic_gets_its_bridge_then_the_related_answer(client, text, bridge, topic):
    reply = _conversation(client, text)
    assert _bridge_words(bridge) in reply and _has(reply, topic), reply
    assert reply.index(_bridge_words(bridge)) < reply.index(flat(body_of(topic)))


@pytest.mark.parametrize(
    "messages",
    [
        ["what is the best cream for psoriasis"],
        # After an LDN answer, a new question standing on its own is still about something else.
        ["what is ldn", "what are the early signs of rheumatoid arthritis in women"],
        ["what is ldn", "how long does methotrexate stay in your system"],
        # Cramps in the legs are no belly pain (held-out consumer text, after an answer).
        ["what is ldn", "any quick fix for calf cramps after a long run?"],
    ],
)
def test_a_near_topic_without_an_ldn_question_is_still_off_topic(client, messages):
    reply = _conversation(client, *messages)
    assert not any(_has(reply, topic) for topic in TOPICS), reply


@pytest.mark.parametrize(
    "text",
    [
        "can my 9 year old son take ldn for his crohns",
        # Another treatment replaced, named or not, and a supplement taken with it (understanding round 7).
        "could I trade my MS injections for LDN?",
        "thinking of quitting my steroids and just taking LDN for my lupus",
        "can i take melatonin and LDN at the same time?",
        # A subject only the prescriber can answer beside a near topic: not the bridge.
        "I'm breastfeeding and my doctor suggested LDN for my Hashimoto's, is it safe for the baby?",
        "my 16 year old daughter has lupus, could she try ldn",
        "I'm on Humira for my crohns, can ldn be added on top of it",
        # A medicine known not to be an opioid, which the classifier had sent to the opioid warning; LDN
        # named only as "it" (understanding round 3).
        "Can I take LDN with sertraline?",
        "cymbalta and ldn together, any issue",
        "is it ok with my lexapro",
        # Timing words with a named medicine: a named interaction, not the dosing-time talk (round 4).
        "Can I take LDN and sertraline at the same time?",
        # A named medicine with numbers that are not a dose, and "interfere" (understanding round 9).
        "type 1 diabetic, on metformin 2x daily too, any issues adding ldn?",
        "I take nortriptyline for migraines, would LDN interfere?",
        # December 3 (round 25): a replacement told of in the past tense, "in its place", LDN that would let one
        # come off another medicine, and "w my"; a time that repeats ("each morning") is no "each of them".
        "my cousin swapped her Cymbalta for LDN last year, would that work for me too?",
        "I'm on methotrexate for my RA. Could LDN be used in its place?",
        "could ldn help me come off my sleeping pills for good",
        "can u take ldn w my wellbutrin",
        "I take 20mg of citalopram each morning for low mood. Is it safe to start LDN as well?",
        "ldn and kratom, do they cancel out since they hit the same receptors? i take kava too, any issue with that",
        # Round 27: LDN added "on top"; taken while tapering off another medicine.
        "I take Wellbutrin 150 daily. Could LDN go on top of that?",
        "can i start ldn while i'm weaning off my gabapentin",
        # Round 28: "ldn + a name"; "what about LDN and my ..." (no question of what LDN is); "taken with"; a
        # replacement told and then "is that sensible?" (not the condition told before it); a grandchild's age.
        "ldn + zoloft, any problem??",
        "what about ldn and my metformin, is it fine to take both",
        "Is LDN safe to be taken with pregabalin? I'm on 75mg twice a day.",
        "my wife wants to quit her lupus pills and just go on LDN. is that wise?",
        "granddaughter is 8, can she try ldn for her eczema like I do?",
        # ... but pregnancy told around a question still changes what may be answered.
        "I'm 20 weeks pregnant and insurance won't pay anyway. How does LDN work?",
        # Round 31: a medicine compared with LDN on the near topics' map, taken with "low dose naltrexone" (whose
        # "dose" is no word of one's own dose).
        "on lexapro for anxiety and my gp wants to add low dose naltrexone, is that combo safe",
        # Round 33: "wiv"; the third trimester; LDN to "do the same job" so another can be stopped.
        "is it ok to have ldn wiv my sertraline",
        "I'm in my second trimester, can I keep taking LDN?",
        "my lupus pills give me headaches. could LDN do the same job so I can stop them?",
        # Rounds 34-35: "LDN plus X"; stopping another once on LDN; "take the place of"; "the same night as";
        # milk pumped for a baby.
        "ldn plus zoloft, is that a bad mix?",
        "once I'm on LDN could I drop my Copaxone shots?",
        "could ldn take the place of my blood pressure pill",
        "can I have a magnesium supplement the same day as LDN?",
        "I'm pumping for my newborn, does LDN end up in the milk?",
        # Round 55 (after its first contact): another medicine "also" taken, or named in Spanish words.
        "Would LDN be suitable for a resident who is also taking sertraline?",
        "tomo Lexapro every day. is it ok con LDN?",
        "puedo cambiar mi Cymbalta for LDN? I hate how Cymbalta makes me feel",
        # Round 57-58 (after their first contact): expecting a baby in everyday words; an antihistamine by its name.
        "My sister just found out she's expecting and she's been on LDN for her lupus. Is it safe for the baby?",
        "I take cetirizine most days for hay fever, does that clash with LDN",
        # Round 60 (after its first contact): shaky typing; a younger brother of 15; adolescents.
        "mywife is pregnantt and on ldn forher fibro is that ok",
        "Her younger brother is 15 and has Crohn's too. Could he take LDN?",
        "Anything on LDN in adolescents? I have a client with juvenile fibromyalgia.",
        # Rounds 65-66 (after their first contact): expecting a first baby; a blood pressure pill "messed with"; a
        # replaced medicine described at length; long-haul problems.
        "My niece is expecting her first in March and has MS. Is LDN alright while she's carrying?",
        "Does it mess with the water pill? I take furosemide every morning.",
        "could dad stop the celecoxib his knee doctor gave him last year and just use LDN",
        "twenty years on ldn, any long-haul problems turn up?",
        # Rounds 67-68 (after their first contact): the other medicine's dose after a comma; "with the ldn"; the
        # youngest's age.
        "Would LDN be compatible with my current citalopram, 20 mg daily?",
        "is it ok to take zyrtec in the evening with the ldn",
        "my youngest is 11 and has crohns like me, could she try LDN?",
        # Round 72: a relative who "is expecting".
        "My niece is expecting in the spring and has lupus. Could she keep on LDN?",
        # Rounds 79-80 (after their first contact): pregnancy and "together" in Spanish words; another medicine dropped
        # to "just run LDN", or its job taken over; the contraceptive pill; a father trying for a baby.
        "estoy embarazada, 10 weeks, and I've been on LDN for my fibro. do I need to stop?",
        "lexapro y LDN juntos, se puede? I've been on lexapro 3 years",
        "Can I drop the Tecfidera and just run LDN for the MS?",
        "Want off the Cymbalta. Could LDN take over that job?",
        "Is there any interaction between LDN and the oral contraceptive pill?",
        "is ldn ok for guys when ur trying for baby #2 lol. like sperm wise",
        # Round 102 (after its first contact): a child's age in words and a condition told before; another medicine's
        # place taken; "too" for taking it as well.
        "My grandson is five and has tummy pain, they think maybe Crohn's. Could a little fellow like him take LDN?",
        "Mum's on fluoxetine for her low mood. Could LDN take its place?",
        "Dad takes gabapentin at bedtime for his feet. Can he take LDN too?",
        # Round 103 (after its first contact): not needing another medicine any more.
        "Would LDN mean one day I don't need my asthma inhalers? That would be a dream",
        # Rounds 87-88 (after their first contact): a count is no dose; a child's LDN by its adjective; a medicine
        # dropped for LDN; one asked to be compatible.
        "trying for baby #3, should i stop ldn first",
        "pediatric ldn a thing?? a mum in my group gives it to her son",
        "drop the methotrexate for ldn?",
        "is ldn compatible with the sertraline I take each morning?",
        # (a long time on it, in other words, rounds 89-90)
        "Any damage to the liver long term?",
        "If I take LDN all my life, is problem for the body later?",
        # Round 73: an age in words.
        "Could the grandson have it? He's eight and he's got the Crohn's an' all, poor dab.",
        # Round 46: "is it true" between two sentences about conceiving reads the sentence before it.
        "We're trying to conceive and a fertility blog says LDN helps with implantation. Is it true, and is it okay"
        " to keep taking it while we try?",
        # Round 104: another medicine's name dictated in pieces, taken "with" it, or at the "same time".
        "can she take the LDN with her ocre vus infusions she gets those every six months",
        "is it ok to take with back lo fen for her spasms she's on it three times a day",
        "I take metformin for sugar diabetes. Can take LDN same time?",
        # Round 106: surgeries told in brackets as past are no surgery ahead (no opioid warning).
        "so we're finally trying to conceive!!! (after three endo surgeries and a lot of tears, I can't even believe I'm"
        " typing this) can I stay on LDN while we're trying, and once I'm actually pregnant?",
        # Round 111: a medicine known by its ending (-osin) opening the message, beside a sleep complaint; another
        # medicine taken "on LDN".
        "Prazosin for nightmares. LDN on top of that, any issue.",
        "is it ok to take benadryl on LDN when my allergies flare? spring is brutal here",
        # Round 113: Portuguese words; a medicine stopped to take only LDN, "one for the other"; omeprazol.
        "Quero parar the antidepressivo and take only the LDN. Is possible to change one for the other?",
        "I take omeprazol every day for the stomach. Can take LDN in the same time?",
        # Round 113: another medicine's taper told with its amounts is no question of one's own LDN dose.
        "I'm tapering off prednisone again, down to 10 from 40, and the taper is brutal as always, but can LDN be"
        " started while I'm still on prednisone or do the two interact?",
        # Round 117: a replacement said across clauses, "substituted for", a Spanish generic name, a taper beside LDN.
        "client wants to quit her plaquenil and just do ldn for her lupus, is that ok",
        "I want to stop the pills for the depresión and take only the LDN. Is possible?",
        "I have been on interferon beta for my MS for eight years. Could LDN reasonably be substituted for it?",
        "My doctora give me the gabapentina for the nervios in the legs. Both together, the LDN and the gabapentina, is"
        " okay?",
        "Can I stay on LDN when they throw me on a prednisone taper during a flare",
        # Round 118: "I am" is no time of day, and years of use is the prescriber's question, not the dosing talk.
        "Is it safe to take this medication for years, or even decades? At my age I am thinking in terms of the "
        "remainder of my life rather than a course of treatment.",
        # Round 118: trying to conceive, as forums write it.
        "asking for me this time not mom. ttc, ok to stay on ldn?",
        # Round 35: the medicine called lifelong, asked again in other words: the limit, no topic before it.
        "is this a forever medicine? like what happens after 10, 20 years on it",
        # Round 119: a regulator named, and "approved" in Portuguese; another medicine taken "whilst" on it.
        "The LDN is aprovado by ANVISA?",
        "Is it in order to take LDN whilst on omeprazole and atorvastatin?",
        # Round 120 (after its first contact): children and pregnancy asked in Hinglish.
        "Bachchon ko LDN de sakte hain?",
        "Pregnancy mein LDN safe hai?",
        # Round 122 (after its first contact): a pregnancy told in three words.
        "daughter in law expecting. she takes ldn for her ms. baby ok",
        # Round 148: "instead of the" another treatment, beside the condition it is for; going on with another medicine.
        "My GP has me on Plaquenil for my lupus and the eye checks are a pain. Could I use LDN instead of the Plaquenil?",
        "I use melatonin most nights, can I keep on with it once I'm on LDN?",
        # Round 149: staying on it "for a really long time", safe "long term".
        "Can I stay on LDN for a really long time, like decades?",
        "is ldn safe long term?",
    ],
)
def test_a_question_only_the_prescriber_can_answer_is_not_covered_and_gets_no_topic(client, text):
    reply = _conversation(client, text)
    assert _not_covered_words() in reply and not any(_has(reply, topic) for topic in TOPICS), reply
    assert not _has(reply, "ask_dose_time"), reply


@pytest.mark.parametrize(
    "messages",
    [
        # "How much" of a price, not of a dose (understanding round 8).
        ["does ldn help lupus", "great, and how much would a month of it cost?"],
        # A child, at any age under 18, and "childrens" without its apostrophe.
        ["does ldn help crohns", "my 15 yo son has crohns as well, could he take it?"],
        ["is there a childrens amount of ldn"],
        # A nephew or niece of a young age is a child too (understanding round 9, tuned in round 13).
        ["does ldn help ms", "my niece is 14 and has just been diagnosed, would that apply to her?"],
        # Round 102 (after its first contact): staying on it for years, with ages told in words; another medicine and
        # "both", after an answer; the reason for a question just given the honest limit.
        ["I'm eighty-one and hoping for ninety. Is it safe to stay on this LDN for fifteen years?"],
        ["Does LDN help with MS?", "She's on Celexa though. Can she take both?"],
        ["does ldn help depression", "can it fully replace my prozac", "bc prozac makes me feel flat"],
        # Round 103 (after its first contact): another medicine given up for it, read as "stop".
        ["ldn for depression", "so i could drop my zoloft and use this"],
        # Round 140 (after its first contact): what it "runs" a month; a young person named by age in one clause and
        # asked for as "he" in the next (both got a topic answer).
        ["how much does this stuff run ya a month the va dont cover everything and im on a pension"],
        ["my little brother is 12 and has crohns, could he try ldn? my parents r asking me to look into it"],
        # Round 141: safe on it "for many years", after an answer, is the question of long-term use.
        ["Is LDN any use for MS?", "Aye, and would a man be safe on it for many years?"],
        # Round 143: a medicine named by its form, a word outside the article before "shots" (the MS answer); the rest of
        # one's days.
        ["I take the interferon shots for MS, Avonex. Is it alright along with this"],
        ["I'm 76. If I take this the rest of my days is it going to hurt my kidneys"],
    ],
)
def test_a_price_or_a_child_taken_for_ones_own_dose_gets_the_honest_limit(client, messages):
    reply = _conversation(client, *messages)
    assert _not_covered_words() in reply and not _has(reply, "individual_dose"), reply


@pytest.mark.parametrize(
    "text, name",
    [
        # Told context around one clear question the whole message could not be placed by (understanding round 9).
        (
            "Collected my first LDN prescription from the chemist this morning. What time of day am I supposed to take it?",
            "ask_dose_time",
        ),
        ("ldn: day or night??", "ask_dose_time"),
        # An opioid named as it is outside the US (understanding round 9).
        ("can I have co-codamol for my back while on ldn?", "opioid_interaction"),
        # A clear question about another subject, without a question mark (understanding round 10).
        ("does zinc help with colds in winter", "out_of_scope"),
        ("can yoga help with sciatica flare ups", "out_of_scope"),
        # Rounds 63-64: another remedy or an everyday need as the subject, LDN neither named nor implied; LDN named
        # keeps its answer; Caribbean English and a bare "the belly" read as meant.
        ("Is turmeric helpful for lupus? My aunt swears by it.", "out_of_scope"),
        ("which supplements are good for someone with MS?", "out_of_scope"),
        ("is ldn good for lupus?", "lupus"),
        ("does magnesium actually help fibro or is that just a forum thing", "out_of_scope"),
        # Round 70: two other conditions compared, LDN not named.
        ("what's the difference between crohn's and colitis anyway, they all blur together", "out_of_scope"),
        # Round 65: the one clause that asks, of "it", beside a clause that only tells.
        ("How does it actually work? Simple words please, I never finished school.", "mechanism"),
        # Round 68: a clinician's name for a kind of MS.
        ("any data on ldn in rrms?", "multiple_sclerosis"),
        ("Wah di side effects dem fi dis LDN?", "side_effects"),
        ("does low dose naltrexone do anything to the belly?", "abdominal_pain"),
        # Understanding round 11: other medicines compared, LDN neither named nor implied; a condition the
        # patient denies having is not the subject; "afford" that is not about a price; a public health service.
        ("is cymbalta or lyrica better for nerve pain", "out_of_scope"),
        ("it's not lupus I have, it's crohns. could ldn help?", "crohns"),
        ("does ldn weaken immunity? I can't afford to be off work sick again", "not_immunosuppressive"),
        # Understanding round 16: "opioid" as a kind of dependence is the full dose's use, not an opioid taken;
        # what else LDN is used for, besides a subject set aside.
        ("how does ldn differ from the naltrexone people get for opioid addiction?", "full_vs_low_dose"),
        ("apart from autoimmune problems, what else is ldn used for?", "other_conditions"),
        # Rounds 87-88 (after their first contact): autoimmune conditions as a group, not the author's wondering;
        # weekdays and slips of everyday words name no subject; a slip of "blocking" is no bloating.
        ("Is LDN used for autoimmune diseases generally, or only for particular ones?", "autoimmunity"),
        ("Is LDN only for autoimmune diseases, or are there other conditions it gets used for?", "other_conditions"),
        ("what are the side effects, i want to know before i start, i think i start tues", "side_effects"),
        ("How does chronic stres tie into immune fuction?", "stress_immune"),
        ("how dose it work exactly, the receptor blokcing thing", "mechanism"),
        # Rounds 89-90: a booster of the immune system is no vaccine.
        ("Is LDN an immune booster or an immune blocker?", "not_immunosuppressive"),
        # Understanding round 19: children who are only part of the writer's day; other medicines named to compare.
        ("school run done, kids fed. does ldn weaken the immune system?", "not_immunosuppressive"),
        ("would ldn lower my immunity the way my other meds do?", "not_immunosuppressive"),
        # A young person who only sent the articles (understanding round 20).
        ("my son keeps forwarding me posts about LDN. what actually is it?", "what_is_ldn"),
        # Understanding round 17: a side effect told in other words.
        ("Since I started LDN there's a pain in my tummy, is this normal for it?", "abdominal_pain"),
        # Round 28: a practical matter told around the one question asked changes no answer.
        ("My insurance fought me for months over this LDN script. What does it actually do in the body?", "mechanism"),
        # Round 28: a condition's name spelled by ear, one word or two.
        ("my krones has been flaring for weeks, could ldn calm it down?", "crohns"),
        ("is ldn any use for loo pus", "lupus"),
        # Rounds 47-49 (after their first contact): one question among clauses of courtesy; a grown son or
        # daughter, or one by marriage, is no child.
        ("Hi there, I hope you're well. Could LDN help with lupus at all? My cousin has it.", "lupus"),
        ("Good evening, and so sorry for the bother. Can this medicine cause a sore stomach?", "abdominal_pain"),
        (
            "Hello, my apologies for the late message. Is low dose naltrexone used for autoimmune illness generally?",
            "autoimmunity",
        ),
        ("My daughter has MS and her neurologist mentioned LDN. Is it used for MS?", "multiple_sclerosis"),
        ("my son-in-law has crohns, does ldn help crohns", "crohns"),
        # Rounds 53-54 (after their first contact): a first question asked of "this stuff", naming nothing else.
        ("Will this stuff wreck my sleep? I start work at 6", "insomnia"),
        # Round 55 (after its first contact): formal words and the people asked for name no subject; Spanish words in
        # an English message.
        (
            "Kindly list the side effects reported with low dose naltrexone, so that our care staff know what to look out"
            " for.",
            "side_effects",
        ),
        ("mi hijo adulto has Crohn's, 28 años. does LDN help crohns?", "crohns"),
        # Round 60 (after its first contact): shaky typing, letters doubled and spaces left out.
        ("doesLDN helpp with multiplee sclerosis or is it justhype", "multiple_sclerosis"),
        ("canldn helpp crohns", "crohns"),
        # Round 56 (after its first contact): clinicians' shorthand asking for a relative; a height is no age.
        ("Considering LDN for mom's CRPS post-fx. Efficacy in CRPS?", "crps"),
        ("can my wife take 6 mg instead of 4.5? shes 6 foot, 4.5 doesnt seem to do much for her", "individual_dose"),
        # Rounds 50-51 (after their first contact): stress named with the immune system or endorphins, the article's
        # chain, as a list or with LDN unsaid.
        ("stress, immunity, endorphins: how do they connect?", "stress_immune"),
        (
            "My sister says stress wears down the immune system and this medicine has to do with that. True?",
            "stress_immune",
        ),
        # Rounds 73-74 (after their first contact): the medicine pointed at, not named; the writer's name signed at the
        # end; what else it is used for besides one condition; childhood as a time long past.
        (
            "What are the side efects of this medecine? My eyes are not so good for the small print. -- S.K.",
            "side_effects",
        ),
        (
            "Could you explain the connection between LDN and the body's own endorphins? Thank you. — Margaret",
            "endorphins",
        ),
        ("Besides lupus, what other sickness people use LDN for?", "other_conditions"),
        ("Besides the MS, what else do they give it for.", "other_conditions"),
        ("My sister's had ulcerative colitis since she was a girl. Would LDN help her?", "crohns"),
        # Rounds 81-82 (after their first contact): family beyond the most frequent words, texting and a past form name
        # no other subject; what research found of one article condition, asked first; a dead month named no medicine;
        # "when" telling a circumstance asks no time.
        ("My niece swears it raises your feel-good chemicals. Is that the endorphin thing?", "endorphins"),
        ("wat r the side efects it can hav", "side_effects"),
        ("are there side effects? my dad got spooked reading about it", "side_effects"),
        ("Lupus. What have studies found?", "lupus"),
        ("Since February my husband has been so low. Anything about LDN and depression?", "depression"),
        ("would ldn help when im this depressed all the time", "depression"),
        # Round 97 (after its first contact): clinicians' shorthand; a question announced ("dumb question but").
        ("Common s/e of LDN? Want to know what to expect.", "side_effects"),
        ("ok dumb question but what actually is ldn. my gi said it like i should already know lol", "what_is_ldn"),
        # Anxiety told in passing is no question of it (round 56, once anxiety got its bridge).
        (
            "I'm the sort of person who gets every side effect on the leaflet, which I know is probably partly the"
            " anxiety, sorry, but what side effects does LDN usually cause?",
            "side_effects",
        ),
        # Round 109: nursing as a job is no breastfeeding.
        (
            "my rheumatologist just e-prescribed me LDN and in 11 yrs of nursing I've never handled it. what is it"
            " exactly, just naltrexone at a tiny dose??",
            "what_is_ldn",
        ),
        # ... and "low dose" before another medicine names that medicine, not LDN (round 68, once "MOA" was read).
        (
            "Proposed MOA of low-dose ketamine infusions for chronic pain? Pain clinic keeps referring for it.",
            "out_of_scope",
        ),
        # Round 99 (after its first contact): what LDN is, asked beside where one heard of it; the conditions it is used for
        # besides some.
        (
            "ok so what actually IS low dose naltrexone. hearing about it everywhere in the long covid groups",
            "what_is_ldn",
        ),
        ("what conditions is ldn used for besides the autoimmune ones", "other_conditions"),
        # Round 100 (after its first contact): an unsure article topic, every clause another subject, LDN unnamed; another
        # remedy named in three words.
        ("What is the normal range for TSH? My results say 4.8 and I do not know if that is high.", "out_of_scope"),
        ("Is an Epsom salt bath good for fibro pain? Is it safe to do every night?", "out_of_scope"),
        # Round 98 (after its first contact): the "it" of "is it ok to take" another medicine is no LDN.
        ("is it ok to take zyrtec every single day all year long", "out_of_scope"),
        # Round 103 (after its first contact): the "it" after a supplement named first.
        ("Selenium for thyroid... does it actually help or is it just something people", "out_of_scope"),
        # Round 101 (after its first contact): a clear question on another subject, asked as "best ... for" or in its
        # second sentence; when one ought to take it; a condition told, then whether it does anything for "that"; a
        # side effect's name with a slip.
        ("best otc for hay fever that wont make me sleepy at work", "out_of_scope"),
        ("my legs ache at night when I lay down. what causes that", "out_of_scope"),
        ("My son wants to know when I ought to be having my LDN. He sorts my pill box", "ask_dose_time"),
        (
            "my uncle has MS which nobody in the family really understood until last year and it sounds awful, like his"
            " legs give out all the time, and he asked me since I'm on LDN whether it does anything for that, does it?",
            "multiple_sclerosis",
        ),
        ("is abdomnal pain common on ldn or am i blaming it for nothing", "abdominal_pain"),
        # Round 102 (after its first contact): whether it helps a condition, beside something forgotten; one short
        # question of LDN itself among what is told of one's life.
        ("my doctor brougt up low dose naltrexon last week and i forgot to ask her, does it help with lupis", "lupus"),
        ("what are the side effects?? need to know before i start, exams are next week", "side_effects"),
        # Round 104 (after its first contact): the one question names an article condition, the sentences around it
        # tell (read whole, unsure, as the other conditions); "what ... used for" run on into what the neurologist did;
        # where a claim was heard is no subject.
        (
            "Could LDN help with Chrons disease? My son-in-law has been suffering terribly with his bowels, poor man, and"
            " is willing to try almost anything.",
            "crohns",
        ),
        (
            "what other con ditions is LDN used for the neurologist rattled off a list but I didn't write it down",
            "other_conditions",
        ),
        (
            "wait so does ldn actually make ur body make more endorphins or is that just smth ppl on tiktok say",
            "endorphins",
        ),
        # Round 105: the kids at home told beside one's own question; time run out of is no time to take it.
        (
            "tummy aches since ldn, stomache pain normal or no? the kids had a bug last week too so idk",
            "abdominal_pain",
        ),
        (
            "can ldn help crohns? my gi mentioned it in passing and then ran out of time and the portal reply takes"
            " forever",
            "crohns",
        ),
        # Round 118: a change of one's own dose, planned in texting and asked with one word.
        ("thinking abt going up to 6mg since 4.5 stopped doing anything. thoughts", "individual_dose"),
        # Round 118: the codeine of "Tylenol No. 3", its abbreviation's stop and all.
        (
            "My dentist wishes to give me Tylenol No. 3 after an extraction on Thursday. Does that pose any "
            "difficulty with my low dose naltrexone?",
            "opioid_interaction",
        ),
        # Round 119: whether another treatment works, LDN unsaid, is another subject; so is a baby aspirin (round 97).
        ("does therapy actually work for depression or is it just like talking", "out_of_scope"),
        ("is it ok to take a baby aspirin every day at my age", "out_of_scope"),
        # Round 140 (after its first contact): what else makes an illness worse, "it" only in "is it true"; an unsure
        # guess of a handoff where no person is asked for; a procedure asked about for its own sake, LDN unsaid (the
        # opioid warning, in rounds 136 to 140).
        (
            "Is it true the sun make lupus worse? The doctor tell Madame Joseph always wear the sunscreen.",
            "out_of_scope",
        ),
        ("can cold weather make my fibro worse", "out_of_scope"),
        (
            "does therapy actually work for depression or is it just talking about ur feelings for an hour",
            "out_of_scope",
        ),
        ("can you explain what the contrast dye they use for the mri does to your kidneys", "out_of_scope"),
        ("How often should someone with long-standing Crohn's colitis get a surveillance colonoscopy?", "out_of_scope"),
        ("colonoscopy prep tips? suprep is brutal", "out_of_scope"),
        # ... while a procedure ahead, with LDN named, keeps the opioid warning
        ("i have a colonoscopy next week do i need to stop my ldn", "opioid_interaction"),
        ("surgery next week, how often do I need to stop before?", "opioid_interaction"),
        # Round 118: a question said to be apart from the LDN one is another subject.
        (
            "Quite apart from the naltrexone question, which I shall return to another day: how much calcium ought "
            "a woman of seventy-one to take for the sake of her bones?",
            "out_of_scope",
        ),
        # Round 120 (after its first contact): Hinglish, Hindi in Latin letters mixed with English.
        ("LDN kab lena chahiye, subah ya raat ko?", "ask_dose_time"),
        ("Side effects kya hain? Mujhe pet ki problem hai", "side_effects"),
        # Round 122 (after its first contact): a long Hinglish message is read as English, not as another language.
        (
            "Mummy ko LDN start karne ke baad pet mein halka halka dard ho raha hai. Kya ye LDN ki wajah se ho sakta hai?",
            "abdominal_pain",
        ),
        # Round 121 (after its first contact): names dictated by their letters' names.
        ("does el dee en help with em ess", "multiple_sclerosis"),
        # Round 127 (after its first contact): a message in fragments, a postscript that only tells, names heard in
        # pieces, and another medicine named by its form.
        ("autoimmune stuff. in general. does it help. i have a few of them", "autoimmunity"),
        ("Does LDN disturb sleep? P.S. I have always been a light sleeper, ever since the war.", "insomnia"),
        ("my brother has fiber my algae, does low dose nail tracks own help him", "fibromyalgia"),
        ("she had one Shingrix shot in May. when is the second one due?", "out_of_scope"),
        # Session 29 (rounds 71, 107, 127): a longer question of LDN itself among what is told, in a message that names
        # no other subject; one told of another medicine asks of that medicine (round 36).
        (
            "What side effects should I keep an eye out for? She never tells me when something's off, so I want to "
            "know what to look for.",
            "side_effects",
        ),
        ("My dad just started Fosamax for his bones. What side effects should we look out for?", "out_of_scope"),
        # Round 128: "call" that names ("something they call LDN") asks for no person.
        (
            "Good afternoon please. I work as an aide in a nursing home and the doctor has just put one of my residents"
            " on something they call LDN. Chale, I have never heard of it before. What is this medicine exactly?",
            "what_is_ldn",
        ),
        # Round 129 (after its first contact): a sure question of LDN itself beside a condition only told of; a belly
        # that aches in any tense; "dose" typed for "does"; the full dose set beside LDN by the addiction it treats;
        # low mood by its everyday name; two times told, then which is right; Taglish's "at" before a question word.
        ("what are the side effects of ldn? I already have enough going on with my lupus meds", "side_effects"),
        ("my tummy's been sore since I started ldn, is that from it?", "abdominal_pain"),
        ("how dose this ldn work", "mechanism"),
        ("is the naltrexone for my pain any different from what my cousin got for the drinking?", "full_vs_low_dose"),
        ("does ldn do anything for the blues", "depression"),
        (
            "my doctor said take it at night but my sister takes hers in the morning. which one is right",
            "ask_dose_time",
        ),
        ("Lupus po siya, does LDN help? at ano mga side effects", "side_effects"),
        # Round 130 (after its first contact, and round 127's): a question's head before a telling tail; a passing
        # feeling, a mother in Korean, passing on what was said and who said it name no other subject; a surgery
        # "post" is over; alcohol given up is what the full dose treats; years of an illness are no years of LDN.
        ("will my insurance pay for LDN? also what are the main side effects, she's already asking", "side_effects"),
        ("What side effects should she expect? She'll ask me about every twinge, so I'd like to know", "side_effects"),
        ("my eomma asked me to find out what LDN is exactly", "what_is_ldn"),
        ("Can you explain the endorphin connection so I can relay it accurately?", "endorphins"),
        ("my coworker has crps in her foot post-surgery. anything on ldn for that", "crps"),
        (
            "my uncle took naltrexone when he was getting off the booze. how is the low dose different?",
            "full_vs_low_dose",
        ),
        ("A client has had dysthymia for decades. Does LDN have anything to do with depression?", "depression"),
        # ... and whether another thing "does anything for" a condition is another subject, LDN unsaid.
        ("does a gluten free diet actually do anything for crohns or is that a myth", "out_of_scope"),
        # ... and "beside" for besides, as a second language writes it (round 130).
        ("for what other illnesses do they use LDN, beside the lupus?", "other_conditions"),
        # Round 131 (after its first contact): chemotherapy likened asks no cancer question; a near topic asked beside
        # an interaction keeps its bridge.
        ("does LDN make the immune system weak, like chemo?", "not_immunosuppressive"),
        ("does ldn help hashimotos AND is it safe with my birth control pill?", "thyroid"),
        # Round 132 (after its first contact): a condition written with a slip, read as LDN's uses in general; a word of
        # the telling beside the question ("finals", a place) names no subject; the past after "time"; one's own amount
        # asked before a telling sentence.
        ("what is ldn good for? my aunt has lupis", "lupus"),
        ("is LDN any use for multipel sclerosis?", "multiple_sclerosis"),
        ("does stress rlly hurt the immune system? asking bc midterms rn", "stress_immune"),
        ("I'm at 1.5 mg and feel nothing yet. Is it time I went up?", "individual_dose"),
        ("How much should I be taking? My doctor said start low and then flew off to Majorca.", "individual_dose"),
        # Round 135 (after its first contact): a sign told, then asked after as "a normal side effect"; manners and a
        # pharmacologist's words name no subject.
        ("his stomache hurts a little since the ldn, is that a normal side efect", "abdominal_pain"),
        (
            "Is it ture that LDN raises ones endorphins? (Apologies, the keys on this thing are very small.)",
            "endorphins",
        ),
        ("Is LDN's mechanism transient opioid receptor blockade followed by a compensatory upregulation?", "mechanism"),
        # Session 33: a pain with its own place named is not the article's belly pain (it got that answer), and the
        # classifier unsure of whether LDN helps a subject the article never names is no "say it another way".
        ("can ldn help my back pain", "not_covered"),
        ("will LDN help with my neck pain", "not_covered"),
        # ... and a complaint the article could only name as a side effect, asked as what LDN treats
        ("can ldn help my headaches", "not_covered"),
        # Round 138 (after its first contact): a break told, then the restart asked in the next sentence, is one's own
        # dose; round 136's opening question with "it", then sentences that only tell.
        ("stopped ldn 2 wks for travel. restart at my old dose or start low again?", "individual_dose"),
        # ... and an arrow up before the amount (round 139); a time told, then whether it is a good one.
        ("Pt currently 2.25 mg, stable, no AEs, asks re: \u2191 to 4.5. Reasonable next step?", "individual_dose"),
        ("Mom want to take LDN with breakfast. Is good time for it?", "ask_dose_time"),
        # Round 141 (after its first contact): a belly that "kills"; waking named as a time, the "I" left out; the
        # conditions listed with one set aside as "not the ... one".
        ("my belly kills after i take it is that the medecine", "abdominal_pain"),
        ("LDN take before sleep or when wake up?", "ask_dose_time"),
        ("list of condtion LDN is try for, not the autoimune one, other one", "other_conditions"),
        # Round 144 (after its first contact): a person's name before what people do is no other subject; "artical" and
        # "wht" as typed.
        ("what are the side affects Linda should be watching for", "side_effects"),
        ("What does the artical say about lupsu", "lupus"),
        ("wht other conditons does it get used for", "other_conditions"),
        # Round 145 (after its first contact): names dictated letter by letter; a pharmacologist's words of when and how
        # well it is taken, and what it is not ("a cure"), name no subject; "anything on" a near topic asks of the article.
        ("my neighbor got c r p s after a fall on his wrist does l d n work on that", "crps"),
        ("i no its not a cure but wood it help the numb feet from m s", "multiple_sclerosis"),
        (
            "Walk me through the proposed mechanism? I gather the opioid receptor blockade is brief, but over what "
            "timeframe does the upregulation happen?",
            "mechanism",
        ),
        (
            "Is the slow titration tolerability-driven, or about receptor adaptation, rather than initiating high?",
            "titration",
        ),
        ("Is there anything on anhedonia? I just can't enjoy anything anymore.", "depression"),
        # Round 146 (after its first contact): a child told of in an aside is no question of a child; "griping".
        (
            "My aunt says LDN makes your body make more of its own feel-good chemicals. (Sorry, my 3 yr old wants juice "
            "again.) Is that true, the endorphin thing?",
            "endorphins",
        ),
        ("Belly's been griping since I started LDN. Is that a known thing?", "abdominal_pain"),
        # Round 148: a side effect on LDN, no condition named, read unsurely as a condition's topic.
        ("does anybody else get super vivid dreems on ldn or is it only me", "insomnia"),
        # ... why one starts small and goes up, no full dose named, read as the full dose.
        (
            "why do they give such a small dose first and then more each week? back home medicine is one dose",
            "titration",
        ),
        # Round 147 (after its first contact): a letter's greeting and close with a title and initials set aside.
        (
            "Dear Sir or Madam,\nSince starting the tablets I have had some stomach discomfort. Is this a known effect?"
            "\nYours faithfully,\nMrs. E. Fairweather",
            "abdominal_pain",
        ),
        # Round 142: why people in general start low is the article's account of starting, not one's own dose; the belly
        # named after its complaint.
        ("Why do ppl start ldn super low and go up instead of just taking the normal amount from day 1", "titration"),
        (
            "I been cramping up low in my belly and bloated like a heifer on clover since I started is that from it",
            "abdominal_pain",
        ),
        (
            "Will it keep me awake? I don't sleep well as it is, I'm up at four with the blackbirds most mornings, "
            "and Dai used to say I could hear a pin drop in Swansea.",
            "insomnia",
        ),
    ],
)
def test_a_message_gets_the_reply_its_kind_calls_for(client, text, name):
    reply = _conversation(client, text)
    assert _has(reply, name), reply


def test_ldn_set_beside_the_pill_for_an_addiction_gets_the_full_dose_answer_after_the_opioid_warning(client):
    # Round 129: opioids named as what the full dose treats keep the warning; the comparison is answered after it.
    reply = _conversation(client, "is ldn the same drug they give addicts coming off opioids, just less of it?")
    assert _has(reply, "opioid_interaction") and _has(reply, "full_vs_low_dose"), reply


def test_when_telling_a_circumstance_left_to_the_prescriber_gets_the_honest_limit(client):
    # Round 81: "when" opening what is going on asks no time; the subject it names is the prescriber's.
    reply = _conversation(client, "Is LDN ok when we're trying to start a family?")
    assert _not_covered_words() in reply and not _has(reply, "ask_dose_time"), reply


@pytest.mark.parametrize(
    "text, subject",
    [
        # Understanding round 11: how the medicine is made, a public health service, a lifetime on it.
        ("why does ldn have to be compounded?", "how LDN is made"),
        ("can I get LDN on the NHS?", "cost and insurance"),
        ("is it ok to take ldn for the rest of my life", "long-term use"),
        # "It" alone names LDN when one is "on it" (understanding round 12).
        ("been on it 4 years now, am I going to be on it for good?", "long-term use"),
        # Understanding round 17: what it would set one back; a named medicine's dose told in a sentence of its own;
        # a medicine dropped to "go LDN only"; "added in with".
        ("how much will ldn set me back each month?", "cost and insurance"),
        # Understanding round 21: an age limit asks about children, whoever is named.
        ("how old do you have to be to get ldn, is there an age limit?", "children"),
        # Understanding round 22: "and has an autoimmune condition" tells, it does not ask; a replacement said in
        # the clause that names the condition.
        ("my nephew is 11 and has crohn's. what ldn dose would a boy his age need?", "children"),
        ("should i stop my tecfidera injections and go on ldn for my ms?", "other medicines"),
        ("Is LDN safe with my metformin? I take 500mg twice a day.", "other medicines"),
        ("thinking of dropping my copaxone and going ldn only, good idea?", "other medicines"),
        ("on lyrica for nerve pain. can ldn be added in with it?", "other medicines"),
        # Understanding round 18: "just doing ldn" in another medicine's place; how long one can safely stay on it;
        # pharmacies that make it.
        ("might stop my cymbalta and just do ldn, sensible?", "other medicines"),
        ("how long can a person safely stay on ldn?", "long-term use"),
        ("are there pharmacies near me that make ldn?", "where to get LDN"),
        # How long until it works, in the words of a walk through the chat (December 3).
        ("how long till ldn actually does something?", "how long it takes to work"),
        ("how soon do people on ldn feel better", "how long it takes to work"),
        # Round 27: bought online, without a prescription.
        ("is there an online pharmacy that sells ldn without a prescription?", "where to get LDN"),
        # Round 33: British and Australian words: which chemist stocks it, licensed, the PBS.
        ("which chemist near me would stock ldn?", "where to get LDN"),
        # Round 35: a practical question the classifier had read as the opioid rail.
        ("is it possible to buy ldn online without a prescription?", "where to get LDN"),
        ("is LDN licensed for use in Australia?", "FDA approval"),
        ("is ldn on the pbs or do you pay full whack?", "cost and insurance"),
        # Rounds 36-38: years on it asked in other words; LDN in another medicine's place; a named thyroid
        # medicine's interaction (read as the opioid rail); pumping milk.
        ("What is known regarding the safety of taking low dose naltrexone over a great many years?", "long-term use"),
        ("Can I take the LDN for all my life or I need to stop some time?", "long-term use"),
        ("Can LDN replace my levothyroxine so I only need to take one medicine?", "other medicines"),
        ("Is LDN a substitute for steroids when lupus flares?", "other medicines"),
        ("I take levothyroxine 100mcg every morning. Any interaction with LDN?", "other medicines"),
        ("my fibro is brutal since the baby came. can i go back on ldn while pumping?", "breastfeeding"),
        # Round 40: whoever would take "it"; a young lad; stopping another medicine if LDN works; "long term" of
        # what LDN does to the body.
        ("Can my grandson take it? He is 11 and have Crohn's.", "children"),
        ("If LDN works for my fibromyalgia, would it be reasonable to discontinue duloxetine?", "other medicines"),
        ("What do we actually know about what LDN does to the body long term? Decades, I mean.", "long-term use"),
        # Rounds 41-42: "long-term risks", damage over time, staying on it long term; a child's dose with LDN
        # unsaid; a named medicine in a quoted question, then "so is it?"; driving asked about.
        ("My husband has been on LDN for seven years for his MS. Are there any long-term risks?", "long-term use"),
        ("Does LDN damage the liver over time? I read the big naltrexone has a liver warning.", "long-term use"),
        ("what dose would a 6 yr old get", "children"),
        ("text from my daughter: 'ask them if the LDN is ok with your warfarin'. so is it?", "other medicines"),
        ("can i drive on ldn", "driving"),
        # Rounds 43-44: "ppl"; years of LDN; a named interaction broken off at "and" gets no topic beside it.
        ("where do ppl actually get ldn filled, regular cvs or somewhere special", "where to get LDN"),
        # Round 22, once a nursing home was no breastfeeding: the long haul is long-term use.
        (
            "my mother is 91 and in the nursing home. are there any extra safety worries with ldn at her age over the"
            " long haul",
            "long-term use",
        ),
        # Round 108: where it is got, with words between; its being made for one, in other words.
        ("My friend orders hers from a pharmacy two states over. Where do people usually get LDN?", "where to get LDN"),
        ("Can I pick it up at Walmart or do I gotta go somewheres special", "where to get LDN"),
        ("Fella at the co-op says the pharmacy's gotta mix it up special. That right", "how LDN is made"),
        ("has anyone actually studied what years of LDN does to the body", "long-term use"),
        # Round 46 (after its first contact): "simultaneously"; "yrs"; a named interaction read as "no"; "is it
        # true" between two sentences about conceiving reads the sentence before, not "what is LDN".
        ("My rheumatologist has me on methotrexate weekly. Is it safe to be on LDN simultaneously?", "other medicines"),
        ("what happens to your body after 10 or 20 yrs of ldn, does anyone know", "long-term use"),
        ("lexapro + ldn, ok together or no", "other medicines"),
        (
            "We're trying to conceive and a fertility blog says LDN helps with implantation. Is it true, and is it okay"
            " to keep taking it while we try?",
            "pregnancy",
        ),
        # Round 45 (after its first contact): what that means, of a practical matter told; what it runs per month.
        ("My pharmacist said LDN is off label. What does that mean for me exactly?", "FDA approval"),
        ("hmm ok. how much does it run per month for ldn", "cost and insurance"),
        # Rounds 47-49 (after their first contact): the price in other words, a public funder, paying oneself; for
        # ever asked as safe; the years told with "or"; the body used to it over years.
        ("roughly how much is it a month for ldn", "cost and insurance"),
        ("Does the NHS fund LDN, or will I be paying out of my own pocket?", "cost and insurance"),
        ("is there anywhere to get ldn on the cheap", "cost and insurance"),
        ("is ldn safe to take forever", "long-term use"),
        ("What do we know about taking LDN for five or ten years?", "long-term use"),
        ("will my body get used to it after a few years on ldn", "long-term use"),
        # Round 98 (after its first contact): a named shop; a medicine known by its ending, "alongside" it.
        ("can i get it at walmart", "where to get LDN"),
        # Round 100 (after its first contact): a subject left out, named with "it" as LDN, is no other topic's.
        ("If she gets pregnant while she's on it, will it hurt the baby? She wants a baby so badly.", "pregnancy"),
        # Round 99 (after its first contact): a medicine known by its ending (-prost).
        ("Can he take it with his glaucoma eye drops, the latanoprost?", "other medicines"),
        ("My psychiatrist has me on lamotrigine; would LDN be a problem alongside it?", "other medicines"),
        # Round 101 (after its first contact): where to get it, asked with "the doctor" in it, is no call for a person.
        ("do i need to go through my doctor for ldn or can i just buy it at the chemist", "where to get LDN"),
        ("Can I get LDN off the shelf or do I got to go through a doctor", "where to get LDN"),
        # Round 103 (after its first contact): a medicine's name with a Spanish ending and "also"; years of taking it
        # put first.
        ("My father he take the warfarina for the heart. He can take LDN also?", "other medicines"),
        ("For many years taking the LDN, is not harmful for the liver?", "long-term use"),
        # Round 112: a long time on it as "long use"; memory words beside a question are no request to delete the chat.
        ("Is there research about the safety of LDN in long use, for example more than five years?", "long-term use"),
        ("where do people get LDN from. online? my friend told me where but I can't remember", "where to get LDN"),
        # Round 59 (lost in session 24 when "ordonnance" came to read as "prescription"): bought without one.
        ("It is possible to buy the LDN without ordonnance (prescription)?", "where to get LDN"),
        # Round 129 (after its first contact): harm that comes years later; a decade or more of others' taking; the
        # price as what it "runs" one; where to buy it, in Taglish.
        ("if I stay on ldn for good, will it catch up with me later on?", "long-term use"),
        ("has anyone looked at people who took ldn for twenty or thirty years?", "long-term use"),
        ("what's ldn gonna run me every month, roughly", "cost and insurance"),
        # (and a decade of nightly doses: "If someone takes LDN nightly for decades", round 76)
        ("if you take ldn every night for twenty years, any harm?", "long-term use"),
        # Round 131 (after its first contact): a long while on it; feeding "the breast".
        ("does it do any harm to the liver if you're on it a long while?", "long-term use"),
        ("my niece just had a baby and will feed the breast. can she take LDN?", "breastfeeding"),
        # ("the surgery" as a doctor's practice is no operation, so no opioid warning: the vaccine is the subject)
        ("Should a man my age get the shingles vaccine? They're offering it above at the surgery.", "vaccines"),
        # ... and a near topic asked in its own clause beside an interaction: the limit names the interaction.
        ("does ldn help hashimotos AND is it safe with my birth control pill?", "other medicines"),
        ("saan makakabili ng LDN dito?", "where to get LDN"),
        # Round 130 (after its first contact): years on it said as a span, with no "for".
        ("what happens if you're on it ten, fifteen years?", "long-term use"),
        # ... another medicine "chucked in with" it; a matter one can "speak to" asks for no person.
        ("My GP has me on Otezla. Can I chuck LDN in with that?", "other medicines"),
        ("Could LDN replace my antidepressant? Is that something you can speak to?", "other medicines"),
        # Round 132: many years on it, years on end, and "long term" as the question's own measure.
        ("is there anything known about taking LDN over many, many years?", "long-term use"),
        ("can my dad keep taking it for many many years?", "long-term use"),
        ("is it safe for years on end?", "long-term use"),
        ("How safe is LDN long-term? Humour me.", "long-term use"),
        # Round 133 (after its first contact): a baby carried and the breast given, with "-ing" said without its g and
        # as a second language puts it; taking it at all beside such a subject is no question of one's own dose; many
        # years with no "for".
        ("My niece is on LDN for her lupus. Is it safe while she's carryin?", "pregnancy"),
        ("I can take LDN while I give the breast to my baby?", "breastfeeding"),
        ("My mother will take this many years. Can it hurt the liver?", "long-term use"),
        # ... and carrying with the verb "to be" left out, as dialects and texts say it (round 133's last miss).
        ("is it safe while she carryin? she on LDN for lupus", "pregnancy"),
        ("is it ok when im carrying? i take ldn for ms", "pregnancy"),
        # Round 138 (after its first contact): where to get it, asked in a second language's order, and a pharmacy
        # that doesn't carry it.
        ("Where Mummy can get the LDN filled? Her regular CVS say they don't carry it.", "where to get LDN"),
        # Round 139 (after its first contact): a medicine stopped for LDN, after a comma or "in favour of".
        ("Mom want to stop her thyroid pill, take only LDN. Is ok?", "other medicines"),
        ("Pt considering stopping belimumab in favour of LDN. Supportable?", "other medicines"),
        # Round 140 (after its first contact): its regulatory status asked beside a condition (the Crohn's answer).
        (
            "What's the regulatory status of LDN for Crohn's? Approved indication, or off-label prescribing?",
            "FDA approval",
        ),
        # Round 145 (after its first contact): its standing asked as whether it is "legit" (it got what LDN is); another
        # medicine stopped before a procedure is that medicine, not LDN stopped (it got the opioid warning).
        ("is LDN legit? like is it approved or just some internet fad", "FDA approval"),
        ("How many days before a colonoscopy should I stop taking iron supplements?", "other medicines"),
        # Round 146 (after its first contact): "n" for "and" between LDN and a medicine (it got what LDN is); expecting
        # told with words between the person and "is expecting" (it got the side effects); a pharmacy asked by name.
        ("ldn n zoloft?? my dr wants to add it", "other medicines"),
        ("My niece with the lupus is expecting. Is she safe staying on LDN?", "pregnancy"),
        ("Does the VA pharmacy fill LDN or do I have to go elsewhere?", "where to get LDN"),
        # Round 147: "the two", LDN and the medicine named, asked of together, in a letter.
        (
            "Dear Madam,\nMy doctor has me on duloxetine. Might the two interact at all?\nRegards,\nE. Fairweather",
            "other medicines",
        ),
    ],
)
def test_a_subject_the_article_leaves_out_gets_the_honest_limit_naming_it(client, text, subject):
    reply = _conversation(client, text)
    assert _not_covered_words() in reply and subject in reply, reply


@pytest.mark.parametrize(
    "text",
    [
        # The dosing-time talk needs a word of time (understanding round 14's own messages, read as "when?").
        "Hi there! Total beginner, never heard of this before today. What is low dose naltrexone?",
        "Vitiligo is supposed to be autoimmune, right? So would LDN help the white patches?",
        # ... and "days" is no time to take it (understanding round 15).
        "Does LDN help chronic fatigue syndrome / ME? Bedbound most days.",
        # ... nor does "over time" (understanding round 18).
        "could ldn hurt my kidneys over time?",
    ],
)
def test_a_message_that_speaks_of_no_time_does_not_start_the_dosing_talk(client, text):
    reply = _conversation(client, text)
    assert not _has(reply, "ask_dose_time"), reply


def test_a_named_medicine_with_its_time_of_day_is_an_interaction_not_the_dosing_talk(client):
    # Understanding round 10: the morning dose of the other medicine started the dosing questions.
    reply = _conversation(client, "is ldn fine with my ritalin, I take 10mg every morning")
    assert _not_covered_words() in reply and not _has(reply, "ask_sleep_trouble"), reply


@pytest.mark.parametrize(
    "before, follow_up, expected",
    [
        # Understanding round 16: what else besides the subject just answered; the dreams asked after alone; a
        # question qualified by "though" names no subject.
        (["does ldn help lupus"], "what else do people use it for besides that?", "other_conditions"),
        (["does ldn cause insomnia"], "and the dreams? so vivid lately", "insomnia"),
        # An acknowledgement before the question (understanding round 21).
        (["does ldn help crohns"], "ok thanks. and what are the side effects?", "side_effects"),
        (
            ["my mom has fibromyalgia", "she started ldn in spring"],
            "how is it supposed to be helping her though? what does it actually do",
            "mechanism",
        ),
        # Rounds 73-78 (after their first contact): more of the list just given; thanks and praise before the next
        # question; "tho" as texted.
        (["What conditions is it for?"], "Anything else besides them?", "other_conditions"),
        (["Been getting stomach aches on LDN, that normal?"], "Huh. What else can it do to ya?", "side_effects"),
        (
            ["Could you tell me what is known about low dose naltrexone for fibromyalgia?"],
            "Thank you, that was clearly explained. What about lupus?",
            "lupus",
        ),
    ],
)
def test_a_follow_up_of_round_16_keeps_the_thread(client, before, follow_up, expected):
    reply = _conversation(client, *before, follow_up)
    assert _has(reply, expected), reply


def test_the_answer_said_back_with_an_acknowledgement_gets_thanks_not_the_answer_again(client):
    # Round 78: "Start low, alright." after the answer on starting LDN got that answer again.
    reply = _conversation(client, "How do you start folks out on LDN?", "Start low, alright.")
    assert _has(reply, "thanks") and not _has(reply, "titration"), reply


@pytest.mark.parametrize(
    "follow_up", ["Same question for ulcerative colitis.", "Colitis, my cousin has it. Same answer?"]
)
def test_the_same_question_asked_of_a_near_topic_gets_its_bridge(client, follow_up):
    # (round 58: "Same question for ulcerative colitis." after the Crohn's answer got the off-topic reply)
    reply = _conversation(client, "does ldn help crohns", follow_up)
    assert _bridge_words("bridge_bowel") in reply and not _has(reply, "out_of_scope"), reply


def test_getting_a_funder_to_pay_for_it_is_the_prescribers_question(client):
    # (round 58: "And getting the VA to cover it, how's that work?" got the off-topic reply)
    reply = _conversation(client, "does ldn help MS", "And getting Tricare to pay for it, how does that work?")
    assert _not_covered_words() in reply, reply


def test_a_short_question_comparing_a_named_antidepressant_is_no_thanks(client):
    # Understanding round 16: "better than prozac though?" after the depression answer got "You're welcome".
    reply = _conversation(client, "does ldn help depression", "is it better than zoloft?")
    assert _bridge_words("bridge_antidepressants") in reply and not _has(reply, "thanks"), reply
    # (round 78: "tho" as texted)
    reply = _conversation(client, "does ldn help depression", "better than zoloft tho?")
    assert _bridge_words("bridge_antidepressants") in reply, reply


def test_pain_described_without_a_medicine_does_not_get_the_opioid_warning(client):
    # Understanding round 16: the classifier learned "pain -> opioid rail"; no opioid and no medicine is named.
    reply = _conversation(client, "would ldn calm the burning pain in my foot that started after I broke it?")
    assert not _has(reply, "opioid_interaction"), reply


def test_starting_ldn_beside_an_opioid_gets_the_warning_not_how_to_start(client):
    reply = _conversation(client, "I take oxycodone every day. How do I start LDN, do I go up slowly?")
    assert _has(reply, "opioid_interaction") and not _has(reply, "titration"), reply


def test_a_procedure_to_come_asked_about_for_another_subject_gets_the_warning_then_what_is_covered(client):
    # Round 148: a knee replacement's recovery asked, LDN unsaid, got the warning alone; whether LDN is a narcotic too.
    reply = _conversation(client, "Having hip replacement surgery in May. How long is the recovery before I can drive?")
    assert _has(reply, "opioid_interaction") and _has(reply, "out_of_scope"), reply
    reply = _conversation(client, "Is LDN a narcotic? I don't want anything I could get addicted to.")
    assert _has(reply, "opioid_interaction") and _has(reply, "what_is_ldn"), reply
    # (a procedure to come, asked about with LDN named, keeps the warning alone: it is the answer)
    reply = _conversation(client, "having knee surgery next month, will my ldn be a problem?")
    assert _has(reply, "opioid_interaction") and not _has(reply, "out_of_scope"), reply


def test_an_opioid_blocker_named_beside_an_opioid_medicine_keeps_the_warning(client):
    # The bare word "opioid" as a kind of blocker names no medicine; oxycodone beside it still does.
    reply = _conversation(client, "ldn is an opioid blocker, so can I still take my oxycodone?")
    assert _has(reply, "opioid_interaction"), reply


@pytest.mark.parametrize(
    "answer",
    [
        # Understanding round 16: a part of the day said beside another subject; "early"/"late" before a part of it.
        "Mornings with breakfast and my thyroid tablet",
        "usually late afternoon, whenever I get a minute",
        # Text-speak, and waking as the time of day (understanding round 20).
        "b4 bed mostly",
        "right when I wake up, with water",
        # A clinician's shorthand for "at bedtime" (round 56); the 24-hour clock (round 58).
        "HS, ~2200.",
        "0600 with coffee.",
        # The household's bedtime (round 99).
        "whenever kids are in bed, 9ish",
    ],
)
def test_a_part_of_the_day_answers_the_dosing_question_whatever_is_said_beside_it(client, answer):
    reply = _conversation(client, "when is the best time to take ldn?", answer)
    assert _has(reply, "ask_sleep_trouble"), reply


def test_a_side_effect_that_may_last_forever_is_no_question_of_long_term_use(client):
    # Understanding round 17: "forever" alone had made the question of how long the dreams last "long-term use".
    reply = _conversation(client, "ldn gives me crazy dreams", "will they go on forever or fade eventually?")
    assert "long-term use" not in reply, reply


def test_both_parts_are_answered_when_the_feedback_question_falls_due_after_the_first(client):
    # Found on the walk through the widget: the second answer of a session brings "Was this helpful?", which had
    # been asked after the first part of a two-part question, and the second part was never answered.
    reply = _conversation(client, "is ldn an immunosuppressant?", "ok thanks. and what is ldn, and does it help fibro")
    assert _has(reply, "what_is_ldn") and _has(reply, "fibromyalgia"), reply
    assert reply.index(flat(body_of("fibromyalgia"))) < reply.index(flat(render("ask_feedback"))), reply


def test_a_clear_answer_to_the_sleep_question_read_as_small_talk_is_the_answer(client):
    # (round 37: "ya kinda..." read as "are you a bot?" got that reply and the question again)
    reply = _conversation(
        client, "when do i take this stuff", "around 10pm most nights", "ya kinda, been waking up at 3am wired"
    )
    assert _has(reply, "guidance_sleep_trouble") and not _has(reply, "bot_challenge"), reply
    # (round 108: the time with its g dropped, then sleeping well in a saying; "the am", then waking at 3am)
    reply = _conversation(client, "Mornin or night on the LDN", "Mornins with my coffee", "Nope. Sleep like a log")
    assert _has(reply, "guidance_no_sleep_trouble"), reply
    reply = _conversation(
        client, "best time to take ldn??", "i take it w my levo in the am, like 7ish", "yeah kinda, i wake up at 3am"
    )
    assert _has(reply, "guidance_sleep_trouble_morning"), reply


def test_some_trouble_at_the_sleep_question_read_as_stop_does_not_end_the_talk(client):
    # (issue 16 and round 58: "Only now and then." was read as "stop": "Okay, we can stop there")
    reply = _conversation(client, "Any advice on when to take it?", "Afternoon, after my lunch.", "Only now and then.")
    assert _has(reply, "guidance_sleep_trouble") and not _has(reply, "stop"), reply
    # ... while a request to stop still stops
    reply = _conversation(client, "when should I take it", "evening", "never mind")
    assert _has(reply, "stop") and not _has(reply, "guidance_sleep_trouble"), reply


@pytest.mark.parametrize(
    "before, text",
    [
        # Round 38: the patient says the question is not about LDN.
        (["what is ldn"], "ok thanks. totally unrelated but how much B12 should someone with MS be taking?"),
        # Round 37: another treatment for an article condition, LDN unsaid.
        ([], "does a keto diet help ms? seen people swear by it"),
        # Round 60 (lost in session 24 when the name signed at the end stopped counting as a subject): the best thing
        # for a complaint.
        ([], "What is the best thing for leg cramps in the night? They wake me most nights now. Gwen"),
        # Round 135: another thing asked of a condition in a clause the clause model was sure of; "is it safe to..." of
        # another thing, its "it" no LDN.
        ([], "I wonder, is tai chi considered helpful for fibromyalgia? There's a gentle class at the library."),
        ([], "Is it safe for him to sit in the sauna at the gym? Somebody told him heat makes MS worse."),
    ],
)
def test_another_subject_beside_an_article_condition_gets_the_off_topic_reply(client, before, text):
    reply = _conversation(client, *before, text)
    assert _has(reply, "out_of_scope") and not _has(reply, "multiple_sclerosis"), reply
    assert not _has(reply, "fibromyalgia"), reply


@pytest.mark.parametrize(
    "before, text",
    [
        # Rounds 1-116 (scored since session 25): the dose or time of another medicine, supplement, measure or thing,
        # LDN unsaid, is another subject, not one's own LDN dose nor the dosing talk.
        ([], "how much vitamin d should i take a day"),
        ([], "vitamin D every other day, is that ok"),
        ([], "is it okay to take magnesium every day"),
        (
            [],
            "Hello dear, sorry. Is it all right to take calcium tablets at night? My bones are thin, the doctor says.",
        ),
        ([], "Should I take my blood pressure pills in the morning or at night?"),
        ([], "Hello, my mother take losartan for the pressure. It is better in the morning or the night?"),
        ([], "can you get hooked on zolpidem if you take it every night for months? asking bc I have been"),
        ([], "my blood pressure was 150/95 at the pharmacy machine today, is that high?"),
        ([], "how much water should an adult drink per day"),
        ([], "ambien addictive or no?"),
        # Round 117: another medicine beside an uncovered subject, LDN unsaid.
        ([], "how long is tylenol ok to take every day for arthritis? client takes abt 3000mg a day"),
        (["What's LDN?"], "Thanks. Totally different thing but how much vitamin D should I be taking?"),
        # Round 128: the time to drink or eat a thing.
        ([], "whats the best time of day to drink a smoothie after the gym?"),
    ],
)
def test_the_dose_or_time_of_something_else_gets_the_off_topic_reply(client, before, text):
    reply = _conversation(client, *before, text)
    assert _has(reply, "out_of_scope"), reply
    assert not _has(reply, "individual_dose") and not _has(reply, "ask_dose_time"), reply


@pytest.mark.parametrize(
    "text, expected",
    [
        # ... while one's own LDN dose or time, LDN said as "the pill" or "it", keeps its reply.
        ("I take 3 mg. Can I cut tablet in half on nights when dreams are bad?", "individual_dose"),
        ("she forgot the pill yesterday, can she take double today?", "individual_dose"),
        ("Which hour is good to give her the pill?", "ask_dose_time"),
        ("ok and when do i take it, morning w my thyroid pill or at night", "ask_dose_time"),
        (
            "Three milligrams I take now. Should I to four and a half increase it? Respectfully, Stavros",
            "individual_dose",
        ),
        # Round 117: a change to an amount told before.
        ("client's at 0.5mg, her friend takes 4.5 and feels great, should she jump up to that?", "individual_dose"),
    ],
)
def test_ones_own_ldn_dose_or_time_beside_another_thing_keeps_its_reply(client, text, expected):
    assert _has(_conversation(client, text), expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Round 41: a job that is driving, told, is no question about driving on LDN.
        (
            "drive truck 11 hrs a day. fibro pain in back and legs is bad. does ldn do anything for fibro",
            "fibromyalgia",
        ),
        ("I drive overnight hauls and sleep days. When am I supposed to take my LDN?", "ask_dose_time"),
    ],
)
def test_driving_told_of_is_no_question_about_driving(client, text, expected):
    reply = _conversation(client, text)
    assert _has(reply, expected) and "driving" not in reply, reply


def test_a_named_interaction_broken_off_at_and_gets_no_topic_answer(client):
    # (round 44: "...between metformin | and naltrexone at the low dose?" had got the full-dose answer too)
    reply = _conversation(client, "Is there any interaction between metformin and naltrexone at the low dose?")
    assert _not_covered_words() in reply and not any(_has(reply, topic) for topic in TOPICS), reply


def test_a_medicine_told_in_passing_beside_ldn_and_a_condition_does_not_hide_the_answer(client):
    # Round 112: "LDN and" a condition, with a medicine taken told in another sentence (the honest limit may follow).
    reply = _conversation(
        client, "Anything on LDN and an underactive thyroid? My wife's been on thyroxine since the nineties."
    )
    assert _has(reply, "thyroid"), reply


@pytest.mark.parametrize(
    "before",
    [
        [],
        # (inside the dosing talk too: the notice, not a re-asked question)
        ["when should I take my ldn"],
    ],
)
def test_a_long_message_in_a_language_not_read_gets_the_numbers_not_a_guess(client, before):
    # Triage round 59: a stroke told in Italian had got the full-dose answer.
    text = (
        "buonasera, mia madre 78 anni prende naltrexone 1.5mg. adesso all'improvviso non riesce a parlare bene, la"
        " bocca è storta e il braccio destro non si muove. cosa faccio??"
    )
    reply = _conversation(client, *before, text)
    assert _has(reply, "other_language") and not any(_has(reply, topic) for topic in TOPICS), reply
    assert not _has(reply, "ask_dose_time") and not _has(reply, "reask_dose_time"), reply


def test_the_dosing_talk_in_portuguese_words_gets_its_guidance(client):
    # Round 113: the time told in Portuguese ("De manhã"), then "Não" at the sleep question (the talk had ended).
    reply = _conversation(
        client, "Quando eu tomo?", "De manhã, with the café, 7 hours.", "Não, I sleep normal, no problem."
    )
    assert _has(reply, "guidance_no_sleep_trouble"), reply


def test_a_question_said_not_to_be_about_ldn_gets_the_off_topic_reply(client):
    # Round 113: "this isn't about LDN" had got what LDN is.
    reply = _conversation(
        client, "Sorry, this isn't about LDN, but is it normal to feel a bit dizzy when I stand up quickly?"
    )
    assert _has(reply, "out_of_scope") and not any(_has(reply, topic) for topic in TOPICS), reply


@pytest.mark.parametrize(
    "messages, expected",
    [
        # Round 114: French words in English (Quebec): side effects, the morning, a "Non" at the sleep question.
        (["wich are the effets secondaires of LDN?"], "side_effects"),
        (
            ["The LDN, which hour is best?", "The matin, at 7h with the café.", "Non, I sleep bien, no problem."],
            "guidance_no_sleep_trouble",
        ),
        # Round 73 (lost in session 24): full-dose naltrexone's 50 mg beside the bottle's amount is the comparison.
        (
            [
                "my dad wants to know why his bottle says 4.5 mg when google says naltrexone is 50mg?? like is it even the same"
            ],
            "full_vs_low_dose",
        ),
        # Round 55 (lost in session 24): a winter's pneumonia beside the immune system knocked down is no low mood.
        (["DOES LDN KNOCK DOWN YOUR IMMUNE SYSTEM. I GET PNEUMONIA EASY EVERY WINTER"], "not_immunosuppressive"),
        # Round 124 (a man of 80 on a tablet): everyday words given capitals name nothing ("Shingles" is no medicine),
        # and a name signed at the end is no subject.
        (
            [
                "Does it Suppress the Immune System the way the Steroids did. I had Shingles last Winter and do not "
                "want that Again. W. Pritchard"
            ],
            "not_immunosuppressive",
        ),
        (
            [
                "My Daughter has Neuromyelitis Optica. The Doctors say it is like M.S. but Different. Is L.D.N. used for that. Walter"
            ],
            "multiple_sclerosis",
        ),
        # Round 124 (a mother in Texas): Spanish words in English; (an Australian) a sign likened to something.
        (
            ["ok so for lupus specificamente, what does it say? mi hija has SLE since she was 24, she is 29 now"],
            "lupus",
        ),
        (
            [
                "The pharmacist said something about endorfinas, that LDN makes the body make more of them? Is that true?"
            ],
            "endorphins",
        ),
        (["cant slep since starting it mate, eyes wide open at 2am like an owl"], "insomnia"),
        # Round 124: a follow-up after a word of courtesy, and one that sets what was said beside another medicine.
        (
            [
                "What does the article say about LDN for Crohn's disease?",
                "Interesting. What about ulcerative colitis, since they're both under the IBD umbrella?",
            ],
            "crohns",
        ),
        (
            [
                "Does LDN help with depression?",
                "How does that compare to an SSRI like Zoloft, in terms of how it works on mood?",
            ],
            "depression",
        ),
        # Round 145: a comparison said not to be a question of taking both is still a comparison (the bridge).
        (
            [
                "How would LDN's effect on mood compare with an SSRI? I'm not asking about combining them, just how they differ."
            ],
            "depression",
        ),
        # Round 124: the immune system dampened is the immune system suppressed.
        (
            ["Could you explain how LDN is thought to work, and also whether it dampens the immune system?"],
            "not_immunosuppressive",
        ),
    ],
)
def test_words_of_other_languages_signatures_and_comparisons_are_read(client, messages, expected):
    reply = _conversation(client, *messages)
    assert _has(reply, expected) and not _has(reply, "individual_dose"), reply


@pytest.mark.parametrize(
    "messages, expected",
    [
        # Round 118: a sentence beside the question that only tells (a newsletter) names no subject of it.
        (
            [
                "Apart from the conditions one hears about most often, are there other illnesses for which this "
                "medication has been tried? I am compiling a short list for my support group's newsletter."
            ],
            "other_conditions",
        ),
        # Round 118: a side effect told after starting LDN, then asked about, is no question of starting it.
        (["started ldn and now my dreams are straight up cinematic. is that normal"], "insomnia"),
        # Round 118: TSH told high, however worded, is the bridge to low thyroid.
        (["her TSH keeps coming back high. would ldn touch that"], "thyroid"),
        # Round 119: a talk's filler before the second question ("like how do u even start it").
        (["does it cause insomnia and like how do u even start it"], "titration"),
        # Round 119: curious about a subject asks about it.
        (["lowkey curious about the endorphin thing and also whether stress actually makes u sick"], "endorphins"),
        # Round 119: the whole message's second reading answers a clause the clause model could not place.
        (
            [
                "Two questions, if I may: how does the low dose differ from the 50 mg tablet, and what is the "
                "proposed mechanism?"
            ],
            "mechanism",
        ),
        # Round 119: the one question is what it is, after the story of where one heard of it; a typo of "what".
        (
            [
                "ok so my GI nurse mentioned something called LDN today while i was wrangling the twins in the "
                "waiting room. what even is it"
            ],
            "what_is_ldn",
        ),
        (["waht is ldn exactly, my dr mentiond it for my colitus"], "what_is_ldn"),
        # Round 119: alcohol named as what full-dose naltrexone treats is no drink taken with LDN.
        (
            [
                "Hello, I want understand the difference. Naltrexone normal is for people with alcohol problem, no? "
                "And the low dose, how is different?"
            ],
            "full_vs_low_dose",
        ),
        # Round 120: "hrs" is texting for hours, no subject beside a first question of side effects.
        (["any side effects i need to watch for i drive 11 hrs a day"], "side_effects"),
        # Round 119: sleep trouble in a clinician's words.
        (["Is sleep disturbance a recognised effect of low dose naltrexone?"], "insomnia"),
        # Round 118: a question word after "and" goes on asking: both parts.
        (
            [
                "I should like to know which other conditions the medication has been used for, and approximately "
                "what it costs at a compounding pharmacy, as I live on a teacher's pension."
            ],
            "other_conditions",
        ),
    ],
)
def test_what_is_told_beside_a_question_does_not_change_what_it_asks(client, messages, expected):
    reply = _conversation(client, *messages)
    assert _has(reply, expected) and not _has(reply, "out_of_scope"), reply
    if "costs" in messages[0]:
        assert _not_covered_words() in reply, reply


@pytest.mark.parametrize(
    "message, topic",
    [
        # Round 119: a topic asked for oneself, then whether the child just told of may take it: both parts.
        ("Is good for Crohn? And my son have 10 years and have Crohn too, he can take?", "crohns"),
        # ... and a practical matter told beside a topic asked.
        ("Does LDN help lupus? The pharmacy price is a worry for us, we are on a pension.", "lupus"),
        # Round 145: a condition asked in a clause of its own, a question without its "does", beside taking both.
        ("Mi on Cymbalta fi mi fibro. LDN help fibro, and mi can take it together with the Cymbalta?", "fibromyalgia"),
    ],
)
def test_a_limit_told_beside_a_topic_asked_gets_both(client, message, topic):
    reply = _conversation(client, message)
    assert _has(reply, topic) and _not_covered_words() in reply, reply


def test_a_pregnancy_long_past_named_only_to_compare_a_feeling_is_no_question_of_pregnancy(client):
    # Round 142 (after its first contact): it got "doesn't cover pregnancy".
    reply = _conversation(
        client,
        "Since LDN I have little nausea in the morning, like when I was pregnant long time ago. This is from LDN?",
    )
    assert "pregnancy" not in reply.lower() and "nausea" in reply.lower(), reply


@pytest.mark.parametrize(
    "text, topic",
    [
        # Round 146 (after its first contact): "both" of two things told, not asked ("i gotta watch both"), adds no answer
        # for a condition told as the setting; another treatment for an article condition, weighed, is another subject.
        ("long term effects of ldn on kidneys or liver? w lupus i gotta watch both", "lupus"),
        ("Mirror therapy for CRPS. Worth a damn?", "crps"),
    ],
)
def test_a_condition_told_as_the_setting_of_another_question_gets_no_answer_of_its_own(client, text, topic):
    reply = _conversation(client, text)
    assert not _has(reply, topic), reply


def test_a_courtesy_word_of_another_language_is_no_swallowing(client):
    # Round 146: Filipino English's "ate" (an older sister) after "sorry" got Poison Help.
    reply = _conversation(client, "what is ldn n does it help lupus? sorry ate, i kno its a lot of q's")
    assert _has(reply, "what_is_ldn") and "Poison" not in reply, reply
