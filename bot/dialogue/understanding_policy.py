"""A dialogue policy that reads a message in its conversation: follow-ups, two questions at once, near topics, honest limits."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import knowledge
from bot.dialogue import feedback_policy, safety_policy
from bot.dialogue.safety_policy import SAFETY_INTENTS, SafetyPolicy, said
from bot.knowledge import near_topics
from bot.nlu import dosing_time, language, limits, patterns
from bot.nlu.clauses import OPENING_QUESTION
from bot.nlu.domain_gate import everyday_words, words

# Above the feedback question (7) so a second part comes before "Was this helpful?"; below safety (10).
PRIORITY = 8
NOT_COVERED, OUT_OF_SCOPE, FALLBACK = "not_covered", "out_of_scope", "nlu_fallback"
# Parse-data keys set by the NLU (bot/nlu/domain_gate.py, bot/nlu/clauses.py).
IMPLIED, LIMIT, PARTS, IT_AS_LDN = "ldn_implied", "ldn_limit", "ldn_parts", "ldn_it_reading"
# Intents this policy leaves alone: the conversation's own moves and the dosing-time questions.
LEFT_ALONE = {
    "greet",
    "goodbye",
    "thanks",
    "affirm",
    "deny",
    "stop",
    "bot_challenge",
    "forget_me",
    "ask_topics",
    "ask_dosing_time",
    "inform_dose_time",
}
UNSURE = {OUT_OF_SCOPE, FALLBACK}
# How sure the whole message's second reading must be to answer a clause the clause model could not place.
RUNNER_UP = 0.3
# What LDN is, asked (the language's): "what actually IS low dose naltrexone".
_ASKS_WHAT_IT_IS = language.load().pattern("asks_what_it_is")
# Whether something helps with a subject, and what that subject is (bot/nlu/domain_gate.py reads it too).
_HELPS_WITH = language.load().pattern("helps_with")
# What a request to delete the chat names (the chat, what was written, the patient).
_NAMES_WHAT_TO_DELETE = language.load().pattern("names_what_to_delete")
# "It" that stands for what follows it, another medicine taken: "is it ok to take zyrtec every single day" (round 98).
_DUMMY_IT = re.compile(
    r"\b(?:is|would|will|was)\s+it\s+(?:be\s+)?(?:ok|okay|safe|fine|alright|all\s+right|bad|dangerous|harmful)\s+to\s+"
    r"(?:take|use|give|be\s+on|keep\s+taking|keep\s+using|stay\s+on)\s+(?!it\b|this\b|ldn\b|them\b|that\b|both\b)"
    # (a strength or a form said before it: "a baby aspirin every day at my age", round 97)
    rf"(?:my\s+|the\s+|a\s+|an\s+)?(?:(?:baby|daily|low[\s-]dose|extra[\s-]strength)\s+)?{limits.ANOTHER_MEDICINE}",
    re.IGNORECASE,
)
# Words that tie a message to LDN itself (or to the article, its one source); "low dose" before another medicine
# names that medicine ("low-dose ketamine infusions").
_ANCHOR = re.compile(
    rf"\b(?:ldn|naltrexone|naltrexon|naltrexzone|low[- ]dose(?![\s-]+{limits.ANOTHER_MEDICINE})|l\s+d\s+n|"
    + "|".join(re.escape(p) for p in sorted(language.load().words("anchor_phrases")) if p != "low dose")
    + r")(?!\w)",
    re.IGNORECASE,
)
# "Does it help with that?": a question about a subject named earlier in the conversation.
_REFERS_BACK = re.compile(
    r"\b(?:that|this|those|these|them|either|both|it)\b\s*[?.!]*\s*$|"
    r"\bwith (?:that|this|those|these|them|it)\b|\b(?:is|are) (?:that|this|those)\b",
    re.IGNORECASE,
)
_ASKS_USE = re.compile(
    r"\b(?:help|helps|helped|work|works|used|use|good|apply|applies|treat|treats|do anything|"
    r"option|place|role|fit|relevant|legit|worth it|any good|effective|(?:do|does|did) anything)\b",
    re.IGNORECASE,
)
# A clause that asks: a question word or a request first, or a verb before its subject ("does it", "can I").
_ASKS = re.compile(
    r"(?:how|what|whats|what's|why|when|which|where|who|whom|tell|explain|describe|please|any|anything|wat|wot|wen)\b|"
    # (the best thing for a need, asked without a verb: "best otc for seasonal allergies that wont make me drowsy",
    # round 101)
    r"(?:the\s+)?(?:best|safest|good)\s+(?:[\w'-]+\s+){0,3}?for\b|"
    r"(?:is|are|does|do|did|can|could|would|will|should|shall|may|might)\s+"
    r"(?:it|i|ldn|you|this|that|they|he|she|we|my|the|low|naltrexone|there|taking|a|an)\b|"
    # ("has anyone tried it", not "... she's 6 and has an autoimmune condition")
    r"(?:has|have|was)\s+(?:it|i|ldn|you|this|that|they|he|she|we|there|anyone|anybody|someone|any)\b|"
    # (whether one may take it, asked after a request in the clause before: "I want to know what side effects have the
    # LDN, and also if I can take it when I am breastfeeding", round 107)
    r"(?:if|whether)\s+(?:i|we|he|she|they)\s+(?:can|could|may|should)\s+(?:take|use|stay|keep|continue|be\s+on|start)\b|"
    # ... or before any subject, for the verbs that seldom open a clause that tells ("does magnesium help"; "is 2.25
    # mg a weird dose")
    r"(?:is|are|does|do|can|could|would|will|should)\s+\w+(?:\.\d+)?\s+\w+",
    re.IGNORECASE,
)
# A request, wherever it stands: "side effects in general pls", "and tell me about the dreams".
_REQUEST = re.compile(
    # ("I also want to know" breaks at "also": the clause that asks is "want to know ...")
    r"\b(?:please|pls|plz|tell me|explain|wants? to know|wanted to know|wanna know|like to know|wondering)\b|"
    # (a question reported: "Mom asks which other conditions LDN gets used for.")
    # (or wondered about: "I wondered how stress affects the immune system, since his MS...", round 97)
    r"\b(?:asks?|asking|asked|wonders?|wondered)\s+(?:which|what|whether|if|how|why|when|where)\b|"
    # (... or reported with "is asking" before what is asked: "She is asking LDN benefit in MS", round 83)
    r"\b(?:is|are|was|were|am)\s+asking\b|"
    # (curious about a subject: "lowkey curious about the endorphin thing and also whether stress...", round 119)
    r"\b(?:curious|wondering|confused|unclear)\s+(?:about|on|re|regarding)\b",
    re.IGNORECASE,
)
# Quotation marks that may open a question quoted.
_QUOTES = "\"'\u201c\u2018"
# What may come before a clause's question word: a number of a list ("1)"), a label ending in a colon or dash
# ("two things:", "MS patient -"), or words that only lead in ("also roughly how much", "and honestly what is it").
_LEAD_IN = re.compile(
    r"^(?:\d\)\s*|[-*\u2022]+\s*|(?:[\w'+]+\s+){0,3}[\w'+]+\s*[:\u2013\u2014-]\s+|"
    r"(?:(?:and|also|so|ok|okay|honestly|roughly|just|then|but|well|anyway|btw|plus|specifically|actually|"
    # (and the fillers of talk: "lowkey what does it even do", round 119)
    r"quick|seriously|really|lastly|finally|oh|hey|hi|separately|if so|if yes|if not|in that case|lowkey|"
    r"um+|uh+)\b[\s,]*|"
    r"if\s+(?:it|this|ldn|that)\s+\w+\s+|"
    # (the question announced: "ok dumb question but what actually is ldn", round 97; "silly q, but...")
    r"(?:[\w'+]+\s+){0,2}(?:question|q)\s*,?\s*(?:but|so)\s+|"
    # (a subject put first, the question after it: "For CRPS is LDN used, and ...", "in lupus does it help?")
    r"(?:for|in|with|as\s+for|regarding)\s+(?:[\w'+-]+\s+){1,3}?(?=(?:is|are|does|do|can|could|would|will|should)\s))+)",
    re.IGNORECASE,
)
# A change of one's own dose to a number: "time to bump up to 4.5?", "can i drop back down to 1mg", "when can
# I go up to 3?" (not "it can take up to 3 months", "go to 3 appointments").
# After a number, what makes it no dose: a time, a count of people, visits or pills, a weight ("took 3 days").
_NOT_A_DOSE_AFTER = (
    r"(?:hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|minutes?|mins?|times?|am|pm|a\.m|p\.m|o'?clock|people|"
    r"patients|appointments?|visits?|%|percent|pills?|capsules?|tablets?|lbs?|pounds?|kgs?|kilos?|stone)\b"
    # (or a list's number: "1) What's the typical dose for alcohol dependence?", round 94)
    r"|\)"
)
# A change to an amount told before ("her friend takes 4.5 and feels great, should she jump up to that?", round 117).
_TO_THAT_AMOUNT = re.compile(
    r"\b(?:go|going|jump|jumping|move|moving|bump|bumping|step|stepping|switch|switching)\s+(?:straight\s+)?"
    r"(?:up\s+|down\s+)?to\s+(?:that|the\s+same|hers|his|theirs)\b",
    re.IGNORECASE,
)
# One's own dose changed, said as "mine" ("should I lower mine?", round 90): the verbs, for the patterns below.
_CHANGED = r"\b(?:lower|raise|up|drop|increase|decrease|reduce|halve|double)\s+"
_DOSE_CHANGE = re.compile(
    # Without a number, only when it is one's own next step: "should I go up now?", "is it time to increase?",
    # "when can I step up?" (not "should I start on a low dose and go up?", the article's general point)
    r"\b(?:go|going|step|stepping|bump|bumping|move|moving|titrate|ramp)\s+(?:back\s+)?(?:up|down)\s+(?:now|yet|already|"
    r"next|soon|again|today|tonight|this\s+week|by\s+now)\b|"
    # (less or more, asked straight out: "Should he take less of it then?", round 99)
    r"\b(?:should|can|could|do|shall)\s+(?:i|he|she|we|they)\s+(?:just\s+)?(?:take|try|go\s+on|be\s+on)\s+"
    r"(?:less|more|a\s+(?:smaller|lower|higher|bigger|larger)\s+(?:dose|amount))\b|"
    # (whether one must, as said aloud: "Doc wants me at 4.5. I'm at 3 and doing fine. Do I gotta go up?", round 146)
    r"\b(?:do|does|should)\s+(?:i|he|she|we)\s+(?:gotta|have\s+to|need\s+to|got\s+to|hafta)\s+(?:go|step|move|bump)\s+"
    r"(?:it\s+)?(?:up|down|higher|lower)(?=\s*(?:[?.!,]|$|now\b|yet\b|already\b|soon\b))|"
    # (less or more in the order of a statement, and a dose brought down or kept where it is: "mi wonder if mi can take
    # less of the LDN. Mi can drop it down likkle bit?", "if mi feel good pon the low one, mi can just stay there and not
    # go up?", round 145; of it, or at the clause's end: not "Since LDN I can take more walks", a review's find)
    r"\b(?:i|he|she|we)\s+(?:can|could|should|may)\s+(?:just\s+)?(?:take|try|go\s+on|be\s+on)\s+"
    r"(?:less|more|a\s+(?:smaller|lower|higher|bigger|larger)\s+(?:dose|amount))"
    r"(?=\s+of\s+(?:it|ldn|the\s+ldn|this|my\s+dose)\b|\s*(?:[?.!,]|$))|"
    r"\b(?:(?:can|could|should|may)\s+(?:i|he|she|we)|(?:i|he|she|we)\s+(?:can|could|should|may))\s+(?:just\s+)?"
    r"(?:drop|bring|cut|knock|turn|take)\s+(?:it|the\s+dose|my\s+dose|mine)\s+(?:back\s+)?down"
    r"(?=\s*(?:[?.!,]|$|a\s+(?:little|bit|notch|step)|little|likkle|some|again))|"
    r"\bstay\s+(?:there|where\s+i\s+am|on\s+(?:it|that|this|the\s+low\s+one)|at\s+(?:that|this|it))\s+and\s+"
    r"(?:not|never)\s+(?:go|step|move|bump)\s+(?:it\s+)?up\b|"
    # (one's own, said as "mine")
    rf"{_CHANGED}(?:mine|hers)\b|"
    # (past an amount, or on and on up: "Does that justify going above 4.5 mg?", "Does he need to keep going up?",
    # round 102)
    r"\b(?:go|going|move|moving|push|pushing|bump|bumping|step|stepping)\s+(?:it\s+)?(?:above|beyond|past|over|"
    r"higher\s+than|below|under|lower\s+than)\s+\d+(?:\.\d+)?|"
    r"\b(?:i|he|she|we|they)\s+(?:\w+\s+){0,2}?(?:keep|continue)\s+(?:going|stepping|moving|titrating|bumping)\s+"
    r"(?:it\s+)?(?:up|down|higher|lower)\b|"
    r"\bready\s+to\s+(?:increase|go\s+up|step\s+up|bump\s+up|move\s+up|raise|titrate)\b|\b(?:cut|cutting|halve|halving|split|splitting|double|doubling)\s+(?:my|the|his|her|their)\s+(?:dose\b|\d)|"
    r"\btime\s+(?:for\s+(?:me|him|her|them|us)\s+)?to\s+(?:go\s+up|step\s+up|bump\s+up|bump\s+it|up\s+it|increase|raise|go\s+down|"
    r"step\s+down|decrease|lower|reduce|go\s+higher|go\s+lower)\b|"
    # (and with the past after "time", as British English asks it: "Is it time I went up?", round 132)
    r"\btime\s+(?:i|he|she|we)\s+(?:(?:went|stepped|moved|bumped)\s+(?:it\s+)?(?:up|down|higher|lower)|upped\s+it|"
    r"increased|lowered)\b|"
    r"\b(?:should|can|could|do)\s+i\s+(?:go|move)\s+"
    r"(?:higher|lower)\b|\bwhen\s+(?:can|should|do|will|could)\s+i\s+(?:go|step|bump|move)\s+(?:up|down)\b|"
    # (French's "descendre": "I want to descend to 1.5 because of the dreams", round 114)
    r"\b(?:up|down|back|increase|increasing|raise|raising|lower|lowering|drop|dropping|bump|bumping|go|going|descend|"
    r"reduce|reduced|reducing|cut|"
    r"move|moving|step|stepping|jump|jumping|titrate|titrating|push|pushing)\s+(?:[\w.]+\s+){0,3}?to\s+\d+(?:\.\d+)?"
    rf"(?!\s*{_NOT_A_DOSE_AFTER})|"
    # An amount one wants to try, told and asked about ("doc put me on 4.5 but i wanna try 6, ok?", round 84)
    # (or someone's: "my mom wants to try 9mg bc she read online more is better. should she?", round 112)
    r"\b(?:i|we|he|she|they|(?:my|his|her|our)\s+\w+)\s+(?:wanna|wants?\s+to|would\s+like\s+to|'?d\s+like\s+to|"
    r"am\s+going\s+to|'?m\s+going\s+to|is\s+going\s+to|gonna)\s+"
    rf"(?:try|go\s+to|take|jump\s+to|move\s+to)\s+\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*{_NOT_A_DOSE_AFTER})|"
    # (or asked in the order of a statement: "My médica say 1.5 but a friend say start with 3 is better. I go with 3
    # direct?", round 113)
    r"\b(?:i|we|he|she)\s+(?:just\s+)?(?:go|start|jump)\s+(?:with|on|at|to|straight\s+to)\s+\d+(?:\.\d+)?(?!\d|\.\d)"
    rf"(?!\s*{_NOT_A_DOSE_AFTER})|"
    # An amount asked for straight out, not a time of day to take it ("Can I go 6?", "can she just take 4.5 like her
    # friend", not "can I take 4.5 at night")
    r"\b(?:can|could|should|may)\s+(?:i|he|she|we|they)\s+(?:just\s+)?(?:go|try|run|take|jump\s+to|start\s+(?:on|at|with))\s+"
    rf"\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*{_NOT_A_DOSE_AFTER})(?![^.?!]*\b(?:morning|night|evening|bedtime|am|pm|tonight|food|meals?|water|breakfast|dinner|supper|empty)\b)",
    re.IGNORECASE,
)
# Subjects that are a group of conditions (entity_patterns.yml CONDITION ids): the setting of a question, more often
# than what it asks about.
GROUP_SUBJECTS = ("autoimmunity",)
# Other subjects than those named, asked after: "or are there other conditions it gets used for?".
_OTHERS_ASKED = re.compile(r"\b(?:other|others|else|besides|beyond|apart\s+from|aside\s+from)\b", re.IGNORECASE)
# The words of a whole follow-up that names nothing ("why", "how long", "is it bad").
_BARE_FOLLOW_UP = language.load().words("bare_follow_up")
_ANOTHER_PERSON = language.load().words("another_person")
_ASKS_OF_PEOPLE = language.load().pattern("asks_of_people_in_general")
_MAKE_IT_LESS = language.load().pattern("make_it_less")
_FIRST_PERSON = language.load().pattern("first_person")
# Another remedy, or an everyday health need, as a question's subject ("Is selenium good for Hashimoto's?").
_OTHER_REMEDY = language.load().pattern("other_remedy")
_WORSENED_BY_ANOTHER = language.load().pattern("worsened_by_another")
# A question the patient says is on another subject ("totally unrelated but...").
_NEW_SUBJECT = language.load().pattern("new_subject")
# Endorphins named, however spelled (the language's): "endorphines", "endorfins".
_ENDORPHINS = language.load().pattern("endorphins")
# Stress, and the immune system, named (the language's).
_STRESS = language.load().pattern("stress")
_IMMUNE = language.load().pattern("immune")
# The medicine pointed at, not named (the language's): "it", "this stuff", "this medicine".
_LDN_UNNAMED = language.load().pattern("ldn_unnamed")
# Whether someone else may take it, asked (the language's): "he can take?", "could she use it".
_SOMEONE_TAKES = language.load().pattern("someone_takes")
# A question of what it is and nothing more (the language's): "what even is it" (not "is that really what it does?").
_ONLY_WHAT_IT_IS = language.load().pattern("only_what_it_is")
# A clause that opens with a question word, an adverb or a filler aside (the language's): "approximately what it
# costs".
_GOES_ON_ASKING = language.load().pattern("goes_on_asking")
# A question of starting LDN or of its dose's steps (the language's).
_ASKS_STARTING = language.load().pattern("asks_starting")
# What research found of a subject, asked after (the language's): "What did they find about Crohn's?".
_ASKS_FINDINGS = language.load().pattern("asks_findings")
# Whether LDN itself is an opioid or a narcotic, asked.
_ASKS_IF_OPIOID = language.load().pattern("asks_if_ldn_is_opioid")
# A clause of courtesy only ("Good morning, and I'm sorry for the bother."): it asks nothing.
_PLEASANTRY = language.load().pattern("pleasantry")
# A break from one's own LDN and a restart (the language's pattern): a change of one's own dose.
_BREAK_AND_RESTART = language.load().pattern("break_and_restart")
# Whether an amount suits oneself, with a number: "is 0.5 mg too low for me?", "should I be on something smaller
# than 4.5?", "is 3 enough?", "Mom is on 2 mg. Shouldn't she be on the full 4.5 by now?" (a number is needed: "is LDN too strong?" asks about LDN, not a dose).
_DOSE_FIT = re.compile(
    r"(?:\btoo\s+(?:low|high|much|little|strong|weak|small|big|fast|quick|quickly|soon)\b|\benough\b|"
    # ("too" typed "to", before whom it is for: "is that to high for me", round 140)
    r"\bto\s+(?:low|high|strong|weak|much)\s+for\s+(?:me|him|her|us|them|my|his|a)\b|"
    # (an amount weighed as better, the verb left out as a second language may: "I take 6 mg better?", round 141)
    r"\b\d+(?:\.\d+)?\s*(?:mg\s+)?(?:is\s+|be\s+|would\s+be\s+)?(?:better|ok|okay|fine|safe)\b|"
    r"\bstay\s+(?:at|on)\s+\d|"
    # ("So he's on 1.5 now — should he be at 3 by now?", round 114)
    r"\bshould(?:n'?t|\s+not)?\s+(?:i|he|she|we|they)\s+be\s+(?:at|on|up\s+to)\s+\d|"
    r"\b(?:smaller|bigger|higher|lower|less|more|stronger|weaker)\s+(?:dose\s+)?than\s+\d|\bshould(?:n'?t|\s+not)?\s+(?:i|he|she|we|they)\s+be\s+on\b|"
    # ("Is 4.5 mg the right dose for a 180-pound man?", "is 2.25 mg a weird dose for me or is that normal")
    r"\b(?:right|reasonable|normal|weird|odd|strange|usual|typical|standard|correct|proper)\s+(?:dose|dosage|amount)\b|"
    # ("I'm on 4.5. Would 6 be reasonable?", round 82)
    r"\b(?:would|could|will|might)\s+\d+(?:\.\d+)?\s*(?:mg\s+)?(?:be\s+|work\s+|do\s+)?(?:reasonable|ok|okay|fine|better|safe|worth|too)\b)",
    re.IGNORECASE,
)
# The dose one person should be on, asked: "What dose should my wife be on for her fibromyalgia?" (the language's)
_DOSE_FOR_SOMEONE = language.load().pattern("dose_for_someone")
# How often one's own dose is taken, changed; a step by an amount; an amount told as prescribed (the language's).
_SCHEDULE_CHANGE = language.load().pattern("schedule_change")
_STEP_BY_AMOUNT = language.load().pattern("step_by_amount")
_PRESCRIBED = language.load().pattern("prescribed")
_FULL_DOSE_NAMED = language.load().pattern("full_dose_named")
_ADDICTION_TREATED = language.load().pattern("addiction_treated")
_HELPS_WITH = language.load().pattern("helps_with")
_DOES_ANYTHING_FOR = language.load().pattern("does_anything_for")
_SIDE_BY_SIDE = language.load().pattern("set_side_by_side")
_STARTS_LOW_GOES_UP = language.load().pattern("starts_low_goes_up")
# Another medicine tapered or weaned off (the language's).
_TAPERS_ANOTHER = language.load().pattern("tapers_another")
# A number that may be a dose.
_AMOUNT = re.compile(rf"\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*{_NOT_A_DOSE_AFTER})", re.IGNORECASE)
# One's own next step up or down, or staying put, without a number to go to: "I'm at 1.5 now and feel fine,
# should i go up?", "at 4.5mg, can he go higher?", "at 4.5, should I lower it?", "at 2.5, do I keep climbing or
# sit here a while?" (an own dose only beside an amount: "should I start low and go up?" is the article's point).
_STEP_UP_OR_DOWN = re.compile(
    r"\b(?:should|can|could|do|may|shall)\s+(?:i|we|he|she)\s+(?:just\s+|still\s+)?(?:"
    r"(?:go|step|bump|move)\s+(?:it\s+)?(?:back\s+)?(?:up|down|higher|lower)|"
    r"(?:lower|raise|increase|decrease|reduce|drop|cut|up|bump)\s+(?:it|that|the\s+dose|his\s+dose|her\s+dose)|"
    # (a step back: "should she drop back a step?", round 88)
    r"(?:drop|step|go|come|move)\s+back\s+(?:a\s+(?:step|notch|level|bit)|down)|"
    # (round 91: "shall I proceed to the next step this week?")
    r"(?:proceed|move\s+on|go\s+on)\s+to\s+the\s+next\s+(?:step|dose|level)|"
    r"keep\s+(?:going\s+up|going\s+down|climbing|increasing|raising|lowering|titrating)|"
    r"(?:stay|stop|sit|hold|pause)\s+(?:here|there|at\s+\d|put|for\s+a\s+while|where))\b",
    re.IGNORECASE,
)
# One's own dose (or someone's), in a message that names no other medicine, is an LDN dose ("cutting my dose in half",
# "splitting my 4.5 into half in the morning and half at night").
_MY_DOSE = re.compile(
    # (with a word between: "restart at his full 4.5", round 87)
    rf"\b(?:my|his|her|their)\s+(?:full\s+|usual\s+|normal\s+|current\s+|regular\s+|old\s+)?"
    rf"(?:dose|dosage|\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*(?:{_NOT_A_DOSE_AFTER}|kids?|children|s)\b))"
    # (or "mine" changed: "My prescription says 4.5 ... should I lower mine?", round 90)
    rf"|{_CHANGED}mine\b",
    re.IGNORECASE,
)
# Two doses at once, to make up for one missed: "Missed one. Take two tonight?" (round 96), "can I double up?" ("double
# my dose" is _DOSE_CHANGE's)
_DOUBLE_UP = re.compile(
    # (not "take both": LDN and another medicine; not "have two": "I have two questions")
    r"\b(?:take|swallow)\s+(?:two|2|double|an\s+extra)\b(?!\s*(?:times|weeks|days|hours|months|a\s+day|per\s+day|daily|each|every))|"
    r"\bdouble\s+(?:up|dose|it)\b",
    re.IGNORECASE,
)
# A dose named by its place in the steps: "Should I drop back down to the lower dose till my belly settles?" (round 92)
_NAMED_STEP = re.compile(
    r"\b(?:the|my|her|his)\s+(?:lower|higher|previous|last|old|starting|first)\s+dose\b", re.IGNORECASE
)
# One's own dose to reduce or raise, asked: "She can reduce the LDN dose, or stop?" (round 92, either word order)
_ASKS_TO_CHANGE = re.compile(
    r"\b(?:(?:can|could|should|shall|may)\s+(?:i|she|he|we)|(?:i|she|he|we)\s+(?:can|could|should|shall|may))\s+"
    r"(?:\w+\s+)?(?:reduce|lower|decrease|increase|raise|cut)\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:ldn\s+)?(?:dose|dosage)\b",
    re.IGNORECASE,
)
# A dose's unit: "Is 6 milligrams too much for me?"
_UNIT = re.compile(r"\d\s*(?:mg|milligrams?)\b|\bmg\b|\bmilligrams?\b", re.IGNORECASE)
# A step back to an amount, one's own earlier dose: "Thinking of dropping back to 1.5 till the sleep settles."
_BACK_TO = re.compile(
    rf"\b(?:back|down|descend)\s+to\s+\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*{_NOT_A_DOSE_AFTER})", re.IGNORECASE
)
# One's own amount told: "been on 1.5 for six weeks and not feeling much. time to bump it?", "At 4.5, still flaring."
_ON_AMOUNT = re.compile(
    # (or put on it by the doctor: "doc has me on 0.5", "put me on 4.5", round 81 and 84)
    rf"(?:^\W*|\b(?:been|i'?m|im|am|currently|now|still|(?:has|have|had|put|puts|got|keeps|kept|started)\s+(?:me|him|her|us))\s+)"
    rf"(?:on|at)\s+\d+(?:\.\d+)?(?!\d|\.\d)(?!\s*{_NOT_A_DOSE_AFTER})",
    re.IGNORECASE,
)
# One's own plan for a change: "thinking of bumping myself to 6mg, lots of people on reddit do".
_PLANS = re.compile(
    r"\b(?:thinking\s+(?:of|about|bout|abt)|planning|plan\s+to|going\s+to|gonna|wants?\s+to|wanna|might|considering)\b",
    re.IGNORECASE,
)
# An amount one plans to go to: "currently 4.5, considering 6. reasonable?"
_PLANNED_AMOUNT = re.compile(
    r"\b(?:considering|thinking\s+(?:of|about|abt)|planning\s+on|eyeing)\s+(?:going\s+(?:up\s+|down\s+)?to\s+)?\d",
    re.IGNORECASE,
)
# A step asked in two words, after an amount told ("I'm on 1.5 now. Bump it?")
_BARE_STEP = re.compile(
    r"^\W*(?:bump|up|raise|increase|lower|drop|cut|reduce)\s+(?:it|that|the\s+dose|my\s+dose)\b", re.IGNORECASE
)
# A pill or a dose cut in half, asked about ("can i cut my pill in half?", "I want cut pill in half. Okay to do
# this?"), or taken whole or half instead of as prescribed ("doc said half a pill, can i just take the whole thing",
# round 97): one's own dose changed, as a named other medicine is not.
_SPLIT = re.compile(
    r"\b(?:cut|cutting|split|splitting|halve|halving|break|breaking|snap)\s+(?:my\s+|the\s+|his\s+|her\s+|a\s+|each\s+)?"
    r"(?:pill|capsule|tablet|dose|cap)s?\s+(?:in|into)\s+(?:half|halves|two)\b|"
    # (halved, which says in half: "Can I halve my tablet on the nights the dreams are bad", round 112)
    r"\b(?:halve|halving)\s+(?:my\s+|the\s+|his\s+|her\s+|a\s+|each\s+)?(?:pill|capsule|tablet|dose|cap)s?\b|"
    r"\b(?:take|taking|took|swallow|swallowing)\s+(?:just\s+|only\s+)?(?:the\s+|a\s+|my\s+)?(?:whole|entire|full)\s+"
    r"(?:thing|pill|tablet|capsule|cap|one)\b|"
    r"\b(?:take|taking|swallow)\s+(?:just\s+|only\s+)?(?:half|a\s+half)\s+(?:a|the|my|of\s+(?:a|the|my))\s+"
    r"(?:pill|tablet|capsule|cap|dose)\b",
    re.IGNORECASE,
)
# An amount weighed for oneself or someone: "Is 0.5 too low for me?"
_FOR_ONESELF = re.compile(r"\bfor\s+(?:me|him|her|them|us)\b", re.IGNORECASE)
# A question that only points back at a change told just before it: "thinking of dropping to 3. ok to do that?"
_ASKS_OF_IT = re.compile(
    r"^\W*(?:(?:is|would|will)\s+)?(?:that|it|this)?\s*(?:ok|okay|fine|safe|alright|all right|a good idea|good idea|"
    r"wise|smart|bad|reasonable|sensible|(?:a\s+)?good\s+(?:call|plan|move)|(?:a\s+)?smart\s+move|(?:a\s+)?(?:bad|dumb)\s+idea)\b|^\W*(?:can|could|should|may)\s+(?:i|he|she|we|they)\s+(?:do|try)\s+(?:that|it|this)\b|"
    # (asked in the order of a statement: "She can do that?")
    r"^\W*(?:i|he|she|we|they)\s+(?:can|could|should|may)\s+(?:do|try)\s+(?:that|it|this)\b|"
    # (a word alone asking for a view: "thinking abt going up to 6mg... thoughts", round 118)
    r"^\W*(?:any\s+)?(?:thoughts|opinions?|advice|ideas|suggestions|views)\W*$|"
    # (a change already made, asked after: "Was that the correct thing to do?", round 91)
    r"^\W*(?:was|is)\s+(?:that|it|this)\s+(?:the\s+)?(?:right|correct|wise|sensible|ok|okay|alright)\b",
    re.IGNORECASE,
)
# Whether it is safe for someone, asked in a clause of its own (the language's).
_ASKS_IF_SAFE = language.load().pattern("asks_if_safe")
# A question asked after what is told, with no mark, and the top of the range asked of one's amount (the language's).
_ASKS_WITHIN = language.load().pattern("asks_within")
# Where LDN comes into what was just said, asked (the language's).
_WHERE_IT_FITS = language.load().pattern("where_it_fits")
# Taken with a meal, not a medicine (the language's): "in the morning with my coffee".
_WITH_A_MEAL = language.load().words("with_a_meal")
_HOW_HIGH = language.load().pattern("how_high")
# A question inside a clause that tells first, unmarked: "my daughter has that crps thing in her arm does LDN help that".
# A question this short, that names nothing ("what are the side effects"), asks about LDN on this assistant...
BARE_QUESTION_WORDS = 6
# ... or one this long in a message that names no other subject ("What side effects should I be watching for? He won't
# tell me if something's wrong", round 107) ...
LONGER_BARE_QUESTION_WORDS = 12
# ... unless it names what it asks of: "what are the side effects of zoloft" (not a pronoun, nor a preposition left at
# the end: "of it", "should she watch out for?").
_NAMES_ITS_SUBJECT = re.compile(
    r"\b(?:of|for|from|with|on|in)\s+(?!(?:it|this|that|them|her|him|me|us|you|ldn)\b)\w", re.IGNORECASE
)
# Words that weigh one time against another, or ask which: a question of when to take it.
_WEIGHS_TIMES = re.compile(r"\b(?:or|vs|versus|which|when|better|best|before|after|with)\b", re.IGNORECASE)
# A message that gives the reason for the one before it: "bc zoloft makes me feel so numb".
_GIVES_A_REASON = re.compile(r"^\W*(?:because|bc|b/c|cause|'cause|cuz|coz|since)\b", re.IGNORECASE)
# A question joined on by "but" or "so" ("but does stress actually do something to..."), not "so does nothing".
_JOINED_QUESTION = re.compile(
    r"(?:but|so)\s+(?:is|are|does|do|can|could|would|will|should)\s+(?!not\b|nothing\b)\w+", re.IGNORECASE
)
_ASKS_MIDWAY = re.compile(
    r"\s(?:does|do|can|could|will|would|is|should)\s+(?:this|it|ldn|naltrexone|that)\s+\w"
    # (or at the clause's end, unmarked, as run on: "that endorphin business the doctor talked about what is that")
    r"|\s(?:what|how|why)\s+(?:is|does|do|was)\s+(?:that|this|it)(?:\s+\w+)?\s*$",
    re.IGNORECASE,
)
# An arrow between two amounts is "to": "stepping down 4.5 -> 3 d/t insomnia. ok to do?"
_ARROW = re.compile(r"\s*(?:->|-->|=>|\u2192)\s*")
# ... and an arrow up or down before one is going up or down: "asks re: ↑ to 4.5. Reasonable next step?" (round 139)
_STEP_ARROWS = {"\u2191": " up ", "\u2193": " down "}
# Where a sentence ends (not the point of "4.5").
_SENTENCE_END = re.compile(r"[!?\n]|\.(?!\d)")
# A clause that adds to what was said before it, read with the words a break took before it: "..., and also the
# relation with depression".
_AND_ALSO = language.load().pattern("and_also")
# "What conditions besides MS is it used for?": the subject named is set aside, the others are asked for.
# (or set aside as "not the ... one(s)": "list of condtion LDN is try for, not the autoimune one, other one", round 141)
_BESIDES = re.compile(
    r"\b(?:besides|beside|other than|apart from|aside from|except|beyond)\b|\bnot\s+the\s+(?:\w+\s+){1,2}?ones?\b",
    re.IGNORECASE,
)
# Words of taking together that name LDN itself, and no more: "what's the deal with LDN and endorphins".
# (and "and ldn" after a condition: "whats the deal with depression and ldn", round 110; "ldn and" before one: "Anything
# on LDN and an underactive thyroid? My wife's been on thyroxine since the nineties.", round 112)
_WEAK_TOGETHER = frozenset({"with ldn", "ldn with", "with it", "and ldn", "ldn and"})
# A question asked of "it": in this assistant, with two of the article's topics asked, "it" is LDN.
# (or with the "does" left out, as a second language writes: "CRPS and fibro. It help either one", round 108)
_IT_ASKS = re.compile(
    r"\b(?:does|do|can|will|would|could|is)\s+it\b|(?:^|[.?!,]\s*)it\s+(?:help|work|good|safe|ok|okay|cause)\b",
    re.IGNORECASE,
)
# What else LDN is used for: "what else do people take LDN for?", "which other conditions does it help?"
_ELSE_USED_FOR = re.compile(
    r"\bwhat\s+else\b.*\b(?:for|help|helps|treat|treats|used)\b|"
    r"\b(?:which|what)\s+other\s+(?:conditions|diseases|illnesses|things|problems|uses)\b|"
    # (any other kind of thing it is used for or helps: "what other sickness people use LDN for?"; not "besides the
    # dreams, what other side effects are there", which asks of no use)
    r"\b(?:which|what)\s+other\s+\w+\b.*\b(?:for|help|helps|treat|treats|used|use)\b|"
    # (or the conditions it is used for, some set aside: "what conditions is ldn used for besides the autoimmune ones",
    # round 99)
    r"\b(?:which|what)\s+(?:conditions|diseases|illnesses|problems)\b.*\b(?:for|help|helps|treat|treats|used|use)\b|"
    # (or a list of them asked for, and what the rest are: "list of condtion LDN is try for, not the autoimune one, other
    # one", round 141)
    r"\blist\s+of\s+(?:the\s+)?cond\w*\b.*\b(?:others?|rest)\b",
    re.IGNORECASE,
)
# Others of a kind just set aside, asked: "Besides MS, Crohn's and fibromyalgia, which other ones please?" (round 121).
_WHICH_OTHERS = language.load().pattern("which_others")
# How many characters after "besides" the conditions set aside may begin.
SET_ASIDE_CHARS = 40
# How sure the main classifier must be of the whole message's topic to give it to a clause it cannot place.
SURE_OF_MESSAGE = 0.6
# "Anything else?" of a list just given, in a message of at most MORE_WORDS words: "Anything beyond that?", "What else
# can it do to ya?", "any others?"
_MORE_OF_IT = re.compile(
    r"\b(?:anything|any\s*thing|any|what|others?)\s+(?:else|more|beyond|besides|other|others)\b|\bany\s+others?\b|"
    r"^\W*others?\W*$",
    re.IGNORECASE,
)
MORE_WORDS = 8
# The words said back beside an acknowledgement, at most ("Autoimmune disease, got it.").
ACK_WORDS = 3
# How sure the clause model must be that a clause asks about LDN itself when it also names a condition.
SURE_OF_CLAUSE = 0.75
# The question mark of the sentence a clause is in, after it ("LDN help fibro, and mi can take it with the Cymbalta?").
_QUESTION_MARK_AHEAD = re.compile(r"[^.!?]*\?")
# The answers that give an overview of the conditions LDN is used for (knowledge names).
CONDITION_OVERVIEWS = ("autoimmunity", "other_conditions")
# "Does it help either one?": one question about every subject the message names.
_EVERY = re.compile(
    r"\b(?:either|both|each(?=\s+(?:one|of)\b|\W*$)|all of (?:them|those)|any of (?:them|those))\b", re.IGNORECASE
)
# "Can it help my RA?", "is it ok with my lexapro": in this assistant, "it" is LDN.
_IT_IS_LDN = re.compile(
    r"\b(?:can|could|does|do|would|will|might|is)\s+(?:it|this|this med|this medicine)\s+"
    r"(?:help|work|treat|do anything|be used|used|ok|okay|safe|fine|alright|all right|cause|give|affect)\b|"
    # (whoever would take it: "Can my grandson take it?", "could my young lad take it")
    r"\b(?:can|could|should)\s+(?:i|he|she|they|we|(?:my|our|his|her)(?:\s+[a-z]+){1,2})\s+"
    r"(?:take|use|start|mix|combine|try|have)\s+(?:it|this)\b|"
    # "I've been on it 6 years", "while I'm on it": the medicine one is on, here, is LDN
    r"\b(?:been|i'?m|im|stay|staying|be|being|while|when|since)\s+on\s+it\b",
    re.IGNORECASE,
)
# "Could I start it too?": a question about taking LDN.
_ASKS_TAKING = re.compile(
    r"\b(?:start|starting|begin|beginning|take|taking|try|trying|use|using|go on|get on|"
    # (whether it is all right, given the opioid told: "I take tramadol for my back" ... "so is ldn ok then")
    r"ok|okay|safe|fine|alright|all right|"
    # (or whether it is a problem: "I should mention I'm on tramadol most days" ... "so is that going to be a problem")
    r"problem|problems|issue|issues|matter|risky|dangerous|clash|conflict|interfere)\b",
    re.IGNORECASE,
)
# The shape of a follow-up: it opens or ends like one, or is short and points back. "What are the
# complications of rheumatoid arthritis?" after an LDN answer is a new question about something else.
_FOLLOW_UP_EDGE = re.compile(
    r"^\W*(?:and|so|but|ok|okay|what about|how about|also|then|what if|great|cool|right|"
    r"thanks|thank you|thx|ty|cheers)\b|"
    # (a comparison or a correction of what was just asked: "vs my wellbutrin, which works better", "He means his
    # Sjögren's in particular", round 99)
    r"^\W*(?:vs\.?|versus|compared\s+(?:to|with)|(?:he|she|they|i)\s+(?:means?|meant)|i\s+mean)(?!\w)|"
    r"\b(?:too|as well|also|specifically|though|then|instead|either)\W*$|"
    # (the same asked of another subject: "Same question for ulcerative colitis.", "UC, cousin have. Same answer?")
    r"\bsame\s+(?:question|answer|thing|goes|for|with|deal|applies|apply|sort\s+of|kind\s+of)\b|\b(?:same|similar)\W*$|"
    # (what was just said set beside another thing: "How does that compare to an SSRI like Zoloft?", round 124)
    r"\b(?:does|do|would|did)\s+(?:that|this|it)\s+compare\b|"
    # (or opened with the comparison, or asked as same or different: "compare antidepressant pill normal, same or
    # different?", round 148)
    r"^\W*(?:compare|comparing|comparison)\b|\bsame\s+or\s+different\b|\bdifferent\s+or\s+(?:the\s+)?same\b",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(r"\b(?:it|that|this|those|these|them|they|the low one|the same)\b", re.IGNORECASE)
# The entities that name a subject of a clause of its own.
_SUBJECT_LABELS = ("CONDITION", "SYMPTOM", "NOT_COVERED")
# "so is it?", "does it?": a question this short that points back asks the one before it again.
BARE_POINTER_WORDS = 3
# Thanks said alone, at most this many words ("thanks so much for that!"); more, with a question mark, asks as well.
THANKS_ALONE_WORDS = 5
# A follow-up of this many words at most, all of them words that name nothing, asks more of the answer just given
# ("goes away or stays?", round 87; "ok and does that go away eventually or", round 104; "and it go away after some
# time or stay forever?", round 141).
BARE_FOLLOW_UP_WORDS = 10
# ... whatever the classifier made of it below this confidence ("does it go away eventually" read as how LDN works).
UNSURE_OF_BARE_FOLLOW_UP = 0.5
SHORT_FOLLOW_UP_WORDS = 16  # "How is that different from what they give people who are trying to stop drinking?"
# "What about vitiligo?", "and psoriasis?": a near topic asked after on its own (`asks_after`).
# (or "anything on" it, asked of the article: "Is there anything on anhedonia specifically?", round 145)
_ABOUT = re.compile(
    r"^\W*(?:(?:what|how)\s+about|and|(?:is\s+there\s+|(?:do|does)\s+(?:you|it|the\s+article)\s+(?:have|say)\s+)?"
    r"anything\s+(?:on|about|regarding))\b",
    re.IGNORECASE,
)
# (and a bare question after the name: "Myasthenia gravis. Any use?", round 90)
_BARE_FILLERS = {
    *("ldn", "for", "and", "or", "my", "what", "about", "with"),
    *("any", "use", "good", "help", "worth", "it", "ever", "used", "does", "is", "there"),
}
# Small-talk answers a question may be misread as, and the fewest words of a question that is not one of them.
NOT_ANSWERS = ("stop", "deny", "affirm")
MIN_QUESTION_WORDS = 3
# A clause of this many words at most, read this surely as an article topic, asks about it ("side effects.").
BARE_TOPIC_WORDS, SURE_BARE_TOPIC = 2, 0.9
# LDN named after the topic's name, ending the clause: "side effects of LDN" is as bare as "side effects".
_OF_LDN_AT_END = language.load().pattern("of_ldn_at_end")
# An item of a patient's own numbered list is asked, mark or none: "1) The stress/immune link as the article describes
# it. 2) The side effect profile." (round 94)
_NUMBERED = r"\(?\d{1,2}[).:]|[a-e]\)|q\d{1,2}[).:]"
_LIST_ITEM = re.compile(rf"^\W{{0,2}}(?:{_NUMBERED})\s", re.IGNORECASE)
# ... or a line of it, bulleted, numbered or "Q1": "- LDN vs full-dose diff\n- FDA approved?", "Q1 stress <-> immune
# system relationship\nQ2 ..." (round 115); the marker alone before where the clause starts.
_LIST_MARKER = re.compile(rf"\s*(?:[-*\u2022>]+|{_NUMBERED}|q\d{{1,2}})\s*", re.IGNORECASE)
# How far back a follow-up looks for the subject it refers to.
LOOK_BACK = 3


# (read once: the knowledge file is read once too, and these are asked for many times a message; a profile under load
# showed their building at 3% of a turn)
@lru_cache(maxsize=1)
def replies_by_intent() -> Dict[str, str]:
    """Intent -> its direct reply (by_intent gives only entries that have an intent). Shared: never changed."""
    return {e.intent: e.response for e in knowledge.by_intent() if e.intent}


@lru_cache(maxsize=1)
def topic_responses() -> Dict[str, str]:
    """Topic answer name -> its response. Shared: never changed."""
    return {e.name: e.response for e in knowledge.answers()}


def _parse(message: Optional[UserUttered]) -> Dict[str, Any]:
    return (getattr(message, "parse_data", None) or {}) if message else {}


def _entities(message: Optional[UserUttered], label: str) -> List[str]:
    return [str(e.get("value")) for e in getattr(message, "entities", None) or [] if e.get("entity") == label]


def _entities_in(message: Optional[UserUttered], labels: Tuple[str, ...], start: int, end: int) -> List[str]:
    """The values of a message's entities with these labels that begin between start and end."""
    return [
        str(e.get("value"))
        for e in getattr(message, "entities", None) or []
        if e.get("entity") in labels and e.get("start") is not None and start <= e["start"] < end
    ]


def _session_events(tracker: DialogueStateTracker) -> List[Event]:
    return feedback_policy._session(tracker)


def earlier_messages(tracker: DialogueStateTracker) -> List[UserUttered]:
    """The patient's earlier messages of this session, latest first (not the one being answered)."""
    users = [e for e in _session_events(tracker) if isinstance(e, UserUttered)]
    return list(reversed(users[:-1]))


def about_ldn_so_far(tracker: DialogueStateTracker) -> bool:
    """LDN goes without saying: the session already had a topic answer, or a message naming LDN."""
    answers = set(topic_responses().values()) | {
        "utter_not_covered",
        "utter_opioid_interaction",
        "utter_individual_dose",
    }
    events = _session_events(tracker)
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=-1)
    earlier = events[:last_user]
    return any(isinstance(e, ActionExecuted) and e.action_name in answers for e in earlier) or any(
        isinstance(e, UserUttered) and _ANCHOR.search(said(e)) for e in earlier
    )


def near_topic_named(message: Optional[UserUttered]) -> Optional[near_topics.NearTopic]:
    """The near topic a message names: the first found, unless the entity ruler named another as a subject of its own
    ("her underactive thyroid come from Hashimoto. LDN any good for Hashimoto?", round 138: Hashimoto's, not the mild
    low thyroid found first)."""
    found = near_topics.find(said(message) if isinstance(message, UserUttered) else "")
    named = [near_topics.find(v) for v in _entities(message, "NOT_COVERED")]
    named_near = [n for n in named if n and not n.comparison_only]
    if found and named_near and found not in named_near:
        return named_near[0]
    return found


def near_topic_of(tracker: DialogueStateTracker) -> Optional[near_topics.NearTopic]:
    """The near topic the reply bridges to: named in the last message, or (for "is that...") just before."""
    message = tracker.latest_message
    found = near_topic_named(message)
    if found:
        return found
    for earlier in earlier_messages(tracker)[:LOOK_BACK]:
        found = near_topics.find(said(earlier))
        if found:
            return found
    return None


def unnamed_ldn(message: UserUttered, anchored: bool) -> bool:
    """A question about the medicine only pointed at ("it", "this stuff"), naming no other medicine or product."""
    text = said(message)
    implied = _parse(message).get(IMPLIED) or {}
    pointer = _LDN_UNNAMED.search(text)
    # (an article topic once LDN goes without saying: not "how do I unlock it")
    if anchored or not pointer or implied.get("name") not in feedback_policy.answer_intents():
        return False
    everyday = everyday_words()
    # (nothing named before "it" that "it" could be: "does paxlovid actually do anything if you start it late?"; a
    # typo or texting is no name when the gate found nothing foreign: "wat side efects does it hav", round 82)
    named = {w for e in _parse(message).get("entities") or [] for w in words(str(e.get("value") or ""))}
    unknown = [w for w in words(text[: pointer.start()]) if w not in everyday and w not in named]
    # (a subject named before the pointer may be what it points at, "I just had a colonoscopy. Is it safe?"; one
    # named only in a sentence that tells, after it, is not: "... has this medication been tried? I am compiling a
    # list for my group's newsletter", round 118)
    subjects = implied.get("subjects", unknown)
    if unknown and (implied.get("foreign_asked", True) or any(w in subjects for w in unknown)):
        return False
    return (
        asks(text)
        and not limits.known_medicines(text)
        and not limits.generic_medicines(text)
        and not limits.medicine_words(text, [w for w in words(text) if w not in everyday])
    )


def points_at_ldn(text: str, limit: Optional[str] = None) -> bool:
    """A question that points at the medicine without naming it: "this", "this stuff" ("why can't he ditch the
    mesalamine and just take this?"), or "it" where no other medicine is named ("any studies on people who've used
    it for a decade?"), or only the one taken with it ("can i take it while im on budesonide"). On an LDN
    assistant, that medicine is LDN."""
    pointers = [m.group(0).lower() for m in _LDN_UNNAMED.finditer(text)]
    # (asked anywhere: "if I'm on this for like 20 years is it going to cause problems down the road")
    if not pointers or not (asks(text) or "?" in text or _ASKS_MIDWAY.search(text)):
        return False
    others = len(set(limits.known_medicines(text) + limits.generic_medicines(text)))
    return any(p != "it" for p in pointers) or others <= (1 if limit == limits.OTHER_MEDICINES else 0)


def pointing_part(message: UserUttered, text: str) -> Optional[str]:
    """The article topic of the one clause that asks, when it points at the medicine ("it", "this stuff") and the
    clause model is sure of it, in a message that names nothing outside the article and no subject left to the
    prescriber: "How's it supposed to work? Plain talk please, I didn't go to college." (the whole message read as
    off-topic for its telling clause). Else None."""
    parse = _parse(message)
    if (
        (parse.get(IMPLIED) or {}).get("foreign", True)
        or parse.get(LIMIT)
        or _entities(message, "NOT_COVERED")
        or limits.known_medicines(text)
        or limits.generic_medicines(text)
    ):
        return None
    parts = parse.get(PARTS) or []
    # (a clause read as off-topic asks nothing of the article: "Plain talk please, I didn't go to college.")
    asked = [
        p for p in parts if p.get("intent") not in (None, OUT_OF_SCOPE) and is_question(text, p["start"], p["end"])
    ]
    if len(asked) != 1:
        return None
    part = asked[0]
    sure = part["intent"] in feedback_policy.answer_intents() and part["confidence"] >= SURE_OF_CLAUSE
    return part["intent"] if sure and _LDN_UNNAMED.search(text[part["start"] : part["end"]]) else None


def leans_on_ldn(message: UserUttered) -> bool:
    """Read as a question about LDN once LDN goes without saying, and naming nothing outside the article and
    everyday words: "I'm at 1.5 now, should I go to 3?", "just tell me about MS"; not "how much vitamin d
    should I take" or "what are the early signs of rheumatoid arthritis" (new subjects of their own)."""
    implied = _parse(message).get(IMPLIED) or {}
    return bool(implied) and not implied.get("foreign", True)


def _it_reading(parse: Dict[str, Any], text: str) -> Optional[str]:
    """The article topic of the reading with "it" as LDN, when the clause model is sure enough of it and the message
    names nothing outside the article, or names it only in a sentence that tells (no medicine, which "it" could be:
    "Is it safe? My doctor wants me on Humira"); else None."""
    reading = parse.get(IT_AS_LDN) or {}
    implied = parse.get(IMPLIED) or {}
    # ("Will it keep me awake? I don't sleep well as it is, ... Dai used to say I could hear a pin drop in Swansea",
    # round 136: what is named after the opening question is told, not asked)
    question, *told = OPENING_QUESTION.split(text.strip(), maxsplit=1)
    told_only = (
        bool(told)
        and not set(implied.get("subjects") or []) & set(words(question))
        and not limits.named_medicines(text)
    )
    if (
        (not implied.get("foreign", True) or told_only)
        and reading.get("name") in feedback_policy.answer_intents()
        and (reading.get("confidence") or 0.0) >= SURE_OF_MESSAGE
    ):
        return str(reading["name"])
    return None


def more_of_the_list(tracker: DialogueStateTracker, message: UserUttered) -> Optional[str]:
    """The list answer a short "anything else?" asks for more of, after an answer about conditions or side effects."""
    text, replies = said(message), replies_by_intent()
    # (the message's own tests first, the look back through the conversation last: this runs on every message)
    if (
        not _MORE_OF_IT.search(text)
        or len(text.split()) > MORE_WORDS
        or _named_replies(message)
        or _entities(message, "NOT_COVERED")
        or _parse(message).get(LIMIT)
    ):
        return None
    last = last_topic_answer(tracker)
    if last in condition_replies() | {topic_responses()[name] for name in CONDITION_OVERVIEWS}:
        return replies["ask_other_conditions"]
    if last in symptom_replies() | {replies["ask_side_effects"]}:
        return replies["ask_side_effects"]
    return None


def acknowledges(text: str) -> bool:
    """A few words said back, and an acknowledgement ("Autoimmune disease, got it.", "ok, start low"), asking nothing."""
    if "?" in text:
        return False
    pieces = [p.strip() for p in re.split(r"[,.;:!\u2014-]+", text) if p.strip()]
    said_back = [p for p in pieces if not _PLEASANTRY.match(p)]
    return (
        len(pieces) > len(said_back)
        and len(said_back) == 1
        and len(said_back[0].split()) <= ACK_WORDS
        and not is_question(said_back[0], 0, len(said_back[0]))
    )


def is_bare_follow_up(text: str) -> bool:
    """A follow-up of a few words that names nothing ("why", "how long", "is it bad")."""
    found = near_topics.tokens(text)
    return bool(found) and len(found) <= BARE_FOLLOW_UP_WORDS and all(word in _BARE_FOLLOW_UP for word in found)


def last_topic_answer(tracker: DialogueStateTracker) -> Optional[str]:
    """The article answer given last in the conversation, if any."""
    answers = set(topic_responses().values())
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name in answers:
            return event.action_name
    return None


def limit_told_last(tracker: DialogueStateTracker) -> bool:
    """The assistant's last reply before the latest message was the honest limit ("doesn't cover...")."""
    seen_message = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_message:
                return False
            seen_message = True
        elif seen_message and isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME:
            return event.action_name == "utter_not_covered"
    return False


def after_courtesy(text: str) -> str:
    """The text after the sentences of courtesy it opens with ("Interesting. What about ulcerative colitis?", round
    124), or all of it."""
    for start, end in _sentences(text):
        if not _PLEASANTRY.match(text[start:end]):
            return text[start:].lstrip()
    return text


def is_follow_up(text: str) -> bool:
    """Worded as a follow-up to what was just said, not as a new question standing on its own."""
    text = after_courtesy(language.load().as_meant(text))  # ("better than zoloft tho?")
    return bool(_FOLLOW_UP_EDGE.search(text)) or (
        len(text.split()) <= SHORT_FOLLOW_UP_WORDS and bool(_POINTS_BACK.search(text))
    )


@lru_cache(maxsize=256)
def _questions(text: str) -> Tuple[str, ...]:
    """The sentences of a message that ask."""
    return tuple(text[a:b] for a, b in _sentences(text) if asks(text[a:b]))


def _sentences(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each sentence of a message."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:] + [len(text)], strict=True) if text[a:b].strip()]


@lru_cache(maxsize=256)
def asks_dose_change(text: str) -> bool:
    """A sentence that asks about changing a dose to a number ("when can I go up to 3?") or whether an amount
    suits one ("is 0.5 mg too low for me?"), or a change told and then asked about ("thinking of dropping to 3.
    ok to do that?"); not a change told alone ("went up to 4.5 last week and can't sleep")."""
    text = _ARROW.sub(" to ", text)  # "stepping down 4.5 -> 3"
    for arrow, step in _STEP_ARROWS.items():
        text = text.replace(arrow, step)
    sentences = _sentences(text)
    # (where each break-and-restart ends, read once: a break told in the sentence before counts, see the pattern)
    restarts = [m.end() for m in _BREAK_AND_RESTART.finditer(text)]
    for i, (start, end) in enumerate(sentences):
        sentence = text[start:end].rstrip("?!. \n")
        change = (
            _DOSE_CHANGE.search(sentence)
            or _ASKS_TO_CHANGE.search(sentence)
            or any(start <= restart <= start + len(sentence) for restart in restarts)
            or _PLANNED_AMOUNT.search(sentence)
            or _SPLIT.search(sentence)
            or _DOUBLE_UP.search(sentence)
            # (how often LDN is taken: "Can I take my vitamin D every other day?" asks of another medicine)
            or (
                _SCHEDULE_CHANGE.search(sentence)
                and not limits.known_medicines(text)
                and not limits.generic_medicines(text)
            )
            or _STEP_BY_AMOUNT.search(sentence)
            or (_MAKE_IT_LESS.search(sentence) and _AMOUNT.search(text))
        )
        fits = _DOSE_FIT.search(sentence) and _AMOUNT.search(sentence)
        # (or of an amount told before, with its unit: "Her prescription says 0.5 mg. That seems tiny. Is that enough
        # for her?", round 88; and the dose someone should be on: "What dose should my wife be on?")
        fits = fits or (_DOSE_FIT.search(sentence) and _POINTS_BACK.search(sentence) and _UNIT.search(text))
        fits = fits or _DOSE_FOR_SOMEONE.search(sentence)
        weighed = len(set(_AMOUNT.findall(sentence))) > 1 and not _FULL_DOSE_NAMED.search(text)
        fits = fits or (_PRESCRIBED.search(sentence) if weighed else None)
        steps = (
            _STEP_UP_OR_DOWN.search(sentence)
            or _HOW_HIGH.search(sentence)
            or _BARE_STEP.match(sentence)
            or _TO_THAT_AMOUNT.search(sentence)
        ) and (_AMOUNT.search(text) or _NAMED_STEP.search(text))
        if not (change or fits or steps):
            continue
        if is_question(text, start, start + len(sentence)) or _ASKS_WITHIN.search(sentence):
            return True
        if change and _PLANS.search(sentence):
            return True  # "thinking of bumping myself to 6mg": one's own plan, told to be weighed
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        if after and change and _ASKS_OF_IT.search(text[after[0] : after[1]]):
            return True
    return False


def asks_after(text: str, entry: near_topics.NearTopic) -> bool:
    """In an LDN assistant, a near topic's name alone ("vitiligo??") or after "what about" asks about LDN for it."""
    if _ABOUT.match(after_courtesy(text)):
        return True
    names = {word for name in entry.match for word in near_topics.tokens(" ".join(name))}
    return all(word in names or word in _BARE_FILLERS for word in near_topics.tokens(text))


def _clause_spans(parts: List[Dict[str, Any]], text: str) -> List[Tuple[Dict[str, Any], int, int, int]]:
    """Each clause with its start and end, and where the next clause starts (the text's end after the last)."""
    starts = [p.get("start", len(text)) for p in parts[1:]] + [len(text)] if parts else []
    return [(p, p.get("start", 0), p.get("end", len(text)), after) for p, after in zip(parts, starts, strict=True)]


def _condition_reply(values: List[str]) -> List[str]:
    replies, by_subject = replies_by_intent(), knowledge.intent_for_subject()
    return [replies[by_subject[v]] for v in values if v in by_subject]


def _named_replies(message: UserUttered) -> List[str]:
    """The answers of the article conditions and side effects the message names, in the order named."""
    return _condition_reply(_entities(message, "CONDITION") + _entities(message, "SYMPTOM"))


def _asks_it_treats(text: str, entry: near_topics.NearTopic) -> bool:
    """Whether the text asks if something helps with the near topic ("can ldn help my headaches")."""
    helped = _HELPS_WITH.search(text.lower())
    return helped is not None and near_topics.find(helped.group(2)) == entry


def _bridge(entry: near_topics.NearTopic) -> List[str]:
    return [f"utter_{entry.bridge}", topic_responses()[entry.topic]]


def is_question(text: str, start: int, end: int, by_mark: bool = True) -> bool:
    """A clause that asks: it ends with '?' (unless `by_mark` is False), makes a request, or opens with a question
    word once its lead-in ("two things:", "also roughly", "if it works,") is set aside."""
    clause = text[start:end].strip()
    if (by_mark and text[end : end + 1] == "?") or _REQUEST.search(clause):
        return True
    # (and what follows a colon: "pharmacy says 40 min wait so here goes: does ldn help thyroid problems")
    openings = [clause, _LEAD_IN.sub("", clause)] + [
        # (two lead-ins at most: "I'm so nervous about starting, sorry, what side effects should I expect")
        _LEAD_IN.sub("", after.strip())
        for after in clause.split(",")[1:3]
    ]
    # (and a question joined on late by "but" or "so", after an aside of many commas: "I keep reading that stress makes
    # Crohn's worse which, yeah, obviously, but does stress actually do something to your immune system", round 101)
    openings += [_LEAD_IN.sub("", a.strip()) for a in clause.split(",")[3:] if _JOINED_QUESTION.match(a.strip())]
    openings += [clause.rsplit(":", 1)[1].strip()] if ":" in clause else []
    # (a question quoted: 'My husband wants to know: "how does it work and ...')
    return any(_ASKS.match(opening.lstrip(_QUOTES)) for opening in openings)


def asks(text: str) -> bool:
    """The whole message asks (its closing punctuation aside)."""
    return is_question(text, 0, len(text.rstrip("?!. ")))


def _part_reply(part: Dict[str, Any], text: str, limit: Optional[str]) -> List[str]:
    """What one clause is about: a named subject the article leaves out, a condition, or its topic. For a
    clause that asks, what to answer; for one that tells ("My stomach hurts since starting it."), what a
    question after it points back to (`compound` tells them apart)."""
    start, end = part.get("start", 0), part.get("end", len(text))
    clause = text[start:end]
    labels = {e.get("entity"): e.get("value") for e in part.get("entities") or []}
    if "OPIOID" in labels:
        return []  # the safety rails decide about opioids, for the whole message
    named = [str(e.get("value")) for e in part.get("entities") or [] if e.get("entity") in ("CONDITION", "SYMPTOM")]
    conditions = _condition_reply(named)
    if named and set(named) <= set(GROUP_SUBJECTS) and set(_intent_reply(part)) - set(conditions):
        # Autoimmune conditions as a group are the setting of a clause read as another topic: "and does stress really
        # make autoimmune flares" asks about stress.
        conditions = []
    if (
        # (a condition named too, where the clause model reads the clause as stress: "stress makes Crohn's worse ...
        # but does stress actually do something to your immune system", round 101)
        (set(named) <= set(GROUP_SUBJECTS) or part.get("intent") == "ask_stress_immune")
        and "NOT_COVERED" not in labels
        and _STRESS.search(clause)
        and _IMMUNE.search(clause)
    ):
        # Stress with the immune system or autoimmune disease in one clause is the article's chain, however the clause
        # model read it ("does stress make autoimmune stuff worse", round 97, read as autoimmunity).
        return [replies_by_intent()["ask_stress_immune"]]
    # Taking together, in a clause that names the other medicine or asks nothing else ("What's the deal with LDN
    # and endorphins... and can I take it with my lexapro?": "with LDN" alone is no other medicine).
    cues = {m.group(0).lower() for m in limits.TOGETHER.finditer(clause)}
    # ("+" joining LDN to a condition named is no medicine taken with it: "Crohn's + LDN: evidence?", round 115)
    weak = _WEAK_TOGETHER | ({cue for cue in cues if "+" in cue} if conditions else set())
    together = limit == limits.OTHER_MEDICINES and (
        bool(limits.REPLACING.search(clause))  # "drop my Ocrevus infusions and go on LDN for my MS"
        or bool(cues)
        and bool(
            cues - weak  # "swap his MS injections for LDN"
            or limits.known_medicines(clause)
            or limits.generic_medicines(clause)
            or not conditions + _intent_reply(part)
        )
    )
    near = near_topics.find(clause)
    if near and labels.get("NOT_COVERED") in near.own_signs:
        return _bridge(near)  # "is it the same stuff my brother took getting off the booze?": not alcohol with LDN
    # (a young person named in another clause of the message, asked for here as "he" or "she": "my little brother
    # is 12 and has crohns, could he try ldn?", round 140)
    child_elsewhere = limit == limits.CHILDREN and bool(set(words(clause)) & _ANOTHER_PERSON)
    if limits.is_about_a_child(clause) or together or child_elsewhere:
        return ["utter_not_covered"]
    if near and str(labels.get("NOT_COVERED") or "").lower() == near.name.lower():
        # The near subject itself, named in a clause of its own, as the message's near topic is: "Would that include
        # Hashimoto's? That counts as autoimmune too, right?" (round 149).
        return _bridge(near)
    if "NOT_COVERED" in labels:
        return ["utter_not_covered"]
    if conditions and _BESIDES.search(clause):
        return [replies_by_intent()["ask_other_conditions"]]  # "what conditions besides MS is it used for?"
    sure = (part.get("confidence") or 0.0) >= SURE_OF_CLAUSE
    # (not when it asks whether LDN helps with the condition: "I know it blocks receptors, but why does it help fibro")
    if conditions and sure and set(_intent_reply(part)) & about_ldn_itself() and not _ASKS_USE.search(clause):
        # A condition told as the setting of a question about LDN itself: "MS is an immune thing, right, so would
        # LDN weaken my immune system?" asks whether it suppresses the immune system, not about MS.
        return _intent_reply(part)
    if conditions:
        return conditions[:1]
    if not _intent_reply(part) and _ENDORPHINS.search(clause) and _ANCHOR.search(clause):
        # Endorphins and LDN set side by side, the link asked ("Endorphins and LDN: what's the relationship?", round
        # 102, read as off-topic): the answer on endorphins.
        return [replies_by_intent()["ask_endorphins"]]
    if _EVERY.search(clause):
        return []  # "would LDN help either one of those?" asks about the subjects named elsewhere (`compound`)
    return _intent_reply(part)


@lru_cache(maxsize=1)
def about_ldn_itself() -> frozenset:
    """The answers about LDN itself (how it works, its side effects...), not about a condition it is used for."""
    return frozenset(e.response for e in knowledge.answers() if not e.subjects and e.name not in CONDITION_OVERVIEWS)


@lru_cache(maxsize=1)
def symptom_replies() -> frozenset:
    """The answers about one side effect (insomnia, abdominal pain), by the ruler's SYMPTOM ids."""
    return frozenset(_condition_reply(sorted(set(patterns.phrase_ids("SYMPTOM").values()))))


@lru_cache(maxsize=1)
def condition_replies() -> frozenset:
    """The answers about one of the article's conditions (lupus, MS...), by the ruler's CONDITION ids."""
    return frozenset(_condition_reply(sorted(set(patterns.phrase_ids("CONDITION").values()))))


def _intent_reply(part: Dict[str, Any]) -> List[str]:
    """The reply for the topic the clause model gave a clause, if it is one this policy may give."""
    replies, intent = replies_by_intent(), part.get("intent")
    if intent in replies and intent not in SAFETY_INTENTS and intent != OUT_OF_SCOPE:
        return [replies[intent]]
    return []


def compound(message: UserUttered, main: List[str]) -> Optional[List[str]]:
    """Every part of a message that asks two things, in the order asked; None unless there are two."""
    parse, text = _parse(message), said(message)
    plan: List[str] = []
    told: List[str] = []  # what the last clause that tells was about
    told_all: List[str] = []  # what every clause that tells was about, so far
    asked: List[Dict[str, Any]] = []  # the clauses that ask, so far
    previous: List[str] = []  # what the clause before was about
    unplaced = False  # a clause that asks, which the clause model could not place
    reread: set = set()  # the clauses read as the question before them, asked again
    asked_about: List[str] = []  # what the clauses that ask were about
    side_effects = replies_by_intent().get("ask_side_effects")
    parts = parse.get(PARTS) or []
    listed = sum(_list_item(text, p.get("start", 0), p.get("end", len(text))) for p in parts) > 1
    replacing = (
        [m.span() for m in limits.REPLACING.finditer(text)] if parse.get(LIMIT) == limits.OTHER_MEDICINES else []
    )
    # The whole message's reading, when sure and of a topic no clause is read as (for a clause read unsurely, below).
    read_by_parts = {replies_by_intent().get(str(p.get("intent"))) for p in parts}
    sure_reading = replies_by_intent().get(str((message.intent or {}).get("name")))
    if (
        ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_CLAUSE
        or sure_reading not in topic_responses().values()
        or sure_reading in read_by_parts
        # (a clause that asks and is read as no topic may be the one it belongs to: "Could you outline the proposed
        # mechanism, | and then the adverse effects that have been reported?")
        or any(p.get("intent") in (None, OUT_OF_SCOPE) for p in _asking_parts(parts, text))
    ):
        sure_reading = None
    for index, part in enumerate(parts):
        start, end = part.get("start", 0), part.get("end", len(text))
        after = parts[index + 1].get("start", len(text)) if index + 1 < len(parts) else len(text)
        if _ABOUT.match(text[start:end]) and all(word in _BARE_FILLERS for word in near_topics.tokens(text[start:end])):
            continue  # "what about LDN" and another medicine: the clause after it asks
        about = _part_reply(part, text, parse.get(LIMIT))
        if (
            sure_reading
            and len(about) == 1
            and about[0] in topic_responses().values()
            and (part.get("confidence") or 0.0) < SURE_OF_MESSAGE
            and not _entities_in(message, _SUBJECT_LABELS, start, end)
        ):
            # A clause read unsurely as one topic, in a message read surely as another that no clause is read as: the
            # message's reading ("stres make immune sistem weak? endorphin connect there?", round 148: the first clause
            # read as immune suppression at 0.48, the message as stress and the immune system at 0.96).
            about = [sure_reading]
        if any(a < end and start < b for a, b in replacing):
            # A replacement said across clauses is asked of as one: "quit her plaquenil and | just do ldn for her lupus,
            # is that ok" asks about the swap, the lupus only what it is for (round 117).
            about = ["utter_not_covered"]
        # (what "that" points back to: the clause just before, asked or told: "...and just do LDN instead. is
        # that sensible?" asks about the replacement, not the MS told before it)
        before_this, previous = previous, about
        # (a question too: a clause followed by a word or two and a mark, "Stomach ache on LDN. Normal?"; or with its
        # question in the middle, unmarked, as dictated: "my son in law has MS does this help MS and is it safe...")
        # (or a topic named alone as a sentence, the clause model sure of it: "side effects. and how long can you stay
        # on it"; not a clause that tells after "and": "Her younger brother is 15 and has Crohn's too.")
        bare_topic = (
            not text[:start].strip(" ,")[-1:].isalnum()
            # (a lead-in aside: "ldn + crps? and side fx", round 99)
            and len(near_topics.tokens(_LEAD_IN.sub("", _OF_LDN_AT_END.sub("", text[start:end]).strip())))
            <= BARE_TOPIC_WORDS
            and (part.get("confidence") or 0.0) >= SURE_BARE_TOPIC
            and part.get("intent") in feedback_policy.answer_intents()
        )
        if not (
            is_question(text, start, end)
            or "?" in text[end:after]
            or _ASKS_MIDWAY.search(text[start:end])
            or bare_topic
            or (listed and _list_item(text, start, end))
            # (a question word after "and", in the same sentence as a question before it, goes on asking: "I should
            # like to know which other conditions it has been used for, and approximately what it costs", round 118)
            # (or the second thing a request asks for, in its sentence: "Please explain the effect on endorphins, and
            # also the relation with depression", round 121)
            or (
                asked
                and not _SENTENCE_END.search(text[asked[-1].get("end", 0) : start])
                and (
                    _GOES_ON_ASKING.match(text[start:end])
                    or _AND_ALSO.search(text[asked[-1].get("end", 0) : start] + " " + text[start:end])
                    and _REQUEST.search(text[asked[-1].get("start", 0) : asked[-1].get("end", 0)])
                )
            )
        ):
            told = about  # "My baby is 4 months." tells, it does not ask
            told_all += [reply for reply in about if reply not in told_all]
            continue
        if about and all(reply in plan for reply in about):
            # The subject asked about again, with another question: "Does LDN help fibro? And will it mess up my
            # sleep, because fibro already does a great job of that?"
            about = [reply for reply in _intent_reply(part) if reply not in plan] or about
            # ... or the question before it was the other one, about LDN itself, with the subject as its setting:
            # "lupus is autoimmune so would ldn lower my immunity? and what about lupus itself?"
            # (not a question of three words read as the one before it again: its own reading was set aside)
            before = _intent_reply(asked[-1]) if asked and id(asked[-1]) not in reread else []
            # (not a subject the article leaves out, asked again: "is this a forever medicine? like what happens after
            # 10, 20 years on it", round 35)
            if (
                all(reply in plan for reply in about)
                and set(before) & about_ldn_itself()
                and before[0] not in plan
                and about != ["utter_not_covered"]
            ):
                plan = [before[0] if reply in about else reply for reply in plan]
        if (
            parse.get(LIMIT) == limits.OTHER_MEDICINES
            and set(about) <= set(topic_responses().values())
            and not is_question(text, start, end, by_mark=False)
            and text[:start].strip()[-1:] not in ("", ".", "?", "!")
        ):
            # A named interaction's own words broken off, a question only by the mark that ends the sentence:
            # "Is there any interaction between metformin | and naltrexone at the low dose?" asks no topic. (Not a
            # terse question that is a sentence of its own: "LDN work for autoimmune? and can take with my metformin?")
            continue
        asked.append(part)
        # (or asks whether LDN helps, of nothing named in it: "Crohn's. Does LDN help, and is it covered by
        # insurance" asks about the condition told before it)
        helps_with_nothing = (
            _ANCHOR.search(text[start:end])
            and _ASKS_USE.search(text[start:end])
            and not _entities_in(message, _SUBJECT_LABELS, start, end)
        )
        if not about and parse.get(LIMIT) and limits.honest_limit(text[start:end], []):
            # The clause is itself the question the article leaves out ("what is ldn basically and where do ppl even
            # get it"), though it points at "it": not the question before it again.
            about = ["utter_not_covered"]
        # (a question of a word or two that names nothing, with no pointer, asks about the clause before it too: "My
        # friend said LDN is make the endorphin higher. Is true?", round 101)
        bare_check = (
            not about
            and len(near_topics.tokens(text[start:end])) <= BARE_POINTER_WORDS
            and not _entities_in(message, _SUBJECT_LABELS, start, end)
            and not _ANCHOR.search(text[start:end])  # ("What are LDN's?" names what it asks of: not placed)
        )
        if _POINTS_BACK.search(text[start:end]) or helps_with_nothing or bare_check:
            # "My stomach hurts since starting it. Is that normal?", "low thyroid. does ldn help that?" (told too
            # briefly to be a clause of its own), "keeps complaining of a bellyache. Is that a known side effect?"
            earlier = _condition_reply(_entities_in(message, ("CONDITION", "SYMPTOM"), 0, start))[-1:]
            unsure = (part.get("confidence") or 0.0) < SURE_OF_MESSAGE
            # (a clause whose subject is a pointer names nothing the article leaves out, however sure the clause model
            # is of that: "I have autoimmune. LDN is good for this?", round 104)
            unsure = unsure or (
                about == ["utter_not_covered"]
                and not _entities_in(message, ("NOT_COVERED",), start, end)
                and not limits.honest_limit(text[start:end], [])
            )
            if (
                not about
                or unsure
                and earlier
                and _ASKS_USE.search(text[start:end])
                and not _entities_in(message, ("CONDITION", "SYMPTOM"), start, end)
                # (nor one that asks what else it is used for: "does ldn help ms and what other things is it good
                # for", round 101, asks for the other conditions, not MS again)
                and not _ELSE_USED_FOR.search(text[start:end])
                # (nor one that asks about taking it instead of another: "Could LDN take its place?", round 102)
                and not limits.REPLACING.search(text[start:end])
                # (not one that names its own subject the article leaves out: "also I'm breastfeeding so is it even
                # an option rn" asks about breastfeeding)
                and not _entities_in(message, ("NOT_COVERED",), start, end)
            ):
                # ("ms + ldn: does it help", the subject told before an unsure guess at "does it help"; every one
                # told, for "both": "sleep is broken and my stomach's been cramping. Are both of those known?")
                every = not about and _EVERY.search(text[start:end]) and len(told_all) > 1
                about = told_all if every else before_this or told or earlier
            elif (
                unsure
                and not _entities_in(message, _SUBJECT_LABELS, start, end)
                and (
                    len(near_topics.tokens(text[start:end])) <= BARE_POINTER_WORDS
                    and (before_this or told)
                    or before_this == ["utter_not_covered"]
                )
            ):
                # The question before, asked again ("'ask them if the LDN is ok with your warfarin'. so is it?"), or
                # the subject just told that the article leaves out ("My pharmacist said LDN is off label. What does
                # that mean for me exactly?")
                about = before_this or told
                reread.add(id(part))
            elif about == [side_effects]:
                about = [reply for reply in told or earlier if reply in symptom_replies()] or about
        if (
            parse.get(LIMIT)
            and about != ["utter_not_covered"]
            and (part.get("confidence") or 0.0) < SURE_OF_MESSAGE
            and _ASKS_IF_SAFE.search(text[start:end])
            and not _entities_in(message, _SUBJECT_LABELS, start, end)
        ):
            # Whether it is safe, asked beside a subject only the prescriber can answer, told in the message: that
            # subject ("Does it help CRPS, and is it safe for someone her age? She's 17.", round 109).
            about = ["utter_not_covered"]
        if told == ["utter_not_covered"] and _SOMEONE_TAKES.search(text[start:end]):
            # Whether the one just told of may take it ("Is good for Crohn? And my son have 10 years and have Crohn
            # too, he can take?", round 119): the question of that one, whatever else the clause names.
            about = ["utter_not_covered"]
        unplaced = unplaced or not about
        asked_about += about
        plan += [reply for reply in about if reply not in plan]

    limit = parse.get(LIMIT)
    # A practical matter the article leaves out (cost, where to get it), told beside a topic asked: both. (Not a
    # child, pregnancy or another medicine told, whom or which the question may be asked for: "I'm 20 weeks pregnant
    # and insurance won't pay anyway. How does LDN work?" gets the honest reply alone.)
    told_subjects = set(_entities(message, "NOT_COVERED"))
    told_limit = (
        "utter_not_covered" in told_all
        and not limit
        and bool(told_subjects)
        and told_subjects <= set(limits.PRACTICAL_SUBJECTS)
    )
    if (
        plan
        and "utter_not_covered" not in plan
        and (unplaced and limit or limit == limits.OTHER_MEDICINES or told_limit)
    ):
        # A clause the clause model could not place, in a message that names a subject the article leaves out
        # ("could i drop the plaquenil and just take ldn"), asks about that subject; another medicine beside a
        # topic asked about is asked about too, told or not ("Does LDN help MS? I'd rather swap my Ocrevus for
        # it."). (Not a child told of before a topic: "My son is 12. Does it help Crohn's?" asks for the child.)
        plan.append("utter_not_covered")
    # A clause the clause model could not place asks what the whole message is surely about, when that is
    # an article topic no other clause has: "What does LDN have to do with endorphins, and why does
    # everyone keep bringing up stress?" (the main classifier reads the whole message, with more to go on).
    # A clause the clause model could not place, beside a near subject (not a medicine) told in the message,
    # asks about it: "her friend told her 'it's the same drug they give heroin addicts'. is it the same and does
    # it even help fibro".
    near = near_topic_named(message) if unplaced and not limit else None
    if near and not near.comparison_only and plan and topic_responses()[near.topic] not in plan:
        plan = _bridge(near) + plan
    # (Not beside the honest limit of a message that names a subject the article leaves out: "my bf says ldn and
    # weed dont mix?? i use cbd gummies too, is that a problem" asks about that subject again.)
    beside_limit = bool(limit) and "utter_not_covered" in plan
    if (
        unplaced
        and plan
        and main
        and main[0] not in plan
        and main[0] in topic_responses().values()
        and not beside_limit
    ):
        if ((message.intent or {}).get("confidence") or 0.0) >= SURE_OF_MESSAGE:
            plan.append(main[0])
    elif (
        unplaced
        and plan
        and main
        and main[0] in plan
        and main[0] in topic_responses().values()
        and "utter_not_covered" not in plan
    ):
        # ... or, the main reading's topic answered already, its runner-up, when near enough: "how does the low dose
        # differ from the 50 mg tablet, and what is the proposed mechanism?" (round 119: the clause model read the
        # second clause as off-topic; the whole message was the full dose at 0.54, how it works at 0.44).
        runner_up = (message.parse_data.get("intent_ranking") or [{}, {}])[1:2]
        for ranked in runner_up:
            reply = replies_by_intent().get(str(ranked.get("name")))
            if (
                reply
                and reply in topic_responses().values()
                and reply not in plan
                and ranked.get("confidence", 0) >= RUNNER_UP
            ):
                plan.append(reply)
    # Two conditions or symptoms in one question ("I have lupus and my sister has Crohn's, is it used for
    # either?", "does it cause bad dreams and belly pain?"), or a condition beside the message's own topic.
    conditions = _named_replies(message)
    # (asked in a sentence that asks: "w lupus i gotta watch both" tells of two other things, round 146)
    asks_of_every = any(
        a <= m.start() < b and asks(text[a:b]) for m in _EVERY.finditer(text) for a, b in _sentences(text)
    )
    if asks_of_every and len(set(conditions)) < 2:
        conditions = main + conditions  # "both" is the one subject named and the message's topic
    # ("Besides fibro and MS, what else is it used for?" sets the conditions it names aside.)
    if len(set(conditions)) > 1 and not _BESIDES.search(text):
        plan += [reply for reply in dict.fromkeys(conditions) if reply not in plan]
    if parse.get(LIMIT) in (limits.CHILDREN, limits.OTHER_MEDICINES) and ("utter_not_covered" in plan or unplaced):
        # A child, or another medicine with or instead of LDN, asked about: a topic only where a clause asks it, not
        # one told as the setting ("My great-granddaughter is seven ... maybe Crohn's. Could a little one like her
        # take LDN?", "Dad's on sertraline for his mood. Could LDN take its place?", round 102).
        told_only = (set(told_all) | set(conditions)) & set(topic_responses().values()) - set(asked_about)
        plan = [reply for reply in plan if reply not in told_only]
    return plan[:3] if len(plan) > 1 else None


def _list_item(text: str, start: int, end: int) -> bool:
    """The clause is an item of a list: numbered itself, or a line of the message that a bullet, a number or "Q1"
    opens."""
    # (after a lead-in too: "I would appreciate clarity on: (a) the side effects in general, and (b) ...", round 117)
    if _LIST_ITEM.match(text[start:end]) or _LIST_ITEM.match(text[start:end].split(": ", 1)[-1]):
        return True
    if "\n" not in text:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    marker = _LIST_MARKER.match(before + text[start:end])
    return marker is not None and marker.end() >= len(before) and bool(marker.group(0).strip())


def _asks_use_of_the_one_told(message: UserUttered, text: str, named: List[str], main: List[str]) -> bool:
    """The message names one article condition, and a clause that names nothing asks whether it helps "that"."""
    parse = _parse(message)
    if len(named) != 1 or named[0] not in condition_replies() or main == named:
        return False
    if parse.get(LIMIT) or _entities(message, "NOT_COVERED"):
        return False
    for _part, start, end, after in _clause_spans(parse.get(PARTS) or [{"start": 0, "end": len(text)}], text):
        clause = text[start:end]
        if (
            (is_question(text, start, end) or "?" in text[end:after])
            and _REFERS_BACK.search(text[start:after].rstrip())
            and _ASKS_USE.search(clause)
            and not _entities_in(message, _SUBJECT_LABELS, start, end)
        ):
            return True
    return False


def _bare_ldn_question(message: UserUttered, text: str) -> Optional[List[str]]:
    """The answer to the first clause that asks, when it asks, surely and in a few words that name nothing ("what are
    the side effects"), about LDN itself, and the message names no medicine, remedy or subject the article leaves
    out (with the answers to the clauses after it, when each asks about LDN itself too); else None."""
    parse = _parse(message)
    if parse.get(LIMIT) or _entities(message, "NOT_COVERED") or _entities(message, "CONDITION"):
        return None
    if limits.known_medicines(text) or limits.generic_medicines(text) or _OTHER_REMEDY.search(text):
        return None
    asking = _asking_parts(parse.get(PARTS) or [], text)
    if not asking or (asking[0].get("confidence") or 0.0) < SURE_OF_MESSAGE:
        return None
    clause = text[asking[0].get("start", 0) : asking[0].get("end", len(text))]
    reply = _intent_reply(asking[0])
    if not reply or reply[0] not in about_ldn_itself() or _NAMES_ITS_SUBJECT.search(clause):
        return None
    subjects = set((parse.get(IMPLIED) or {}).get("subjects") or [])
    size = len(clause.split())
    # (longer, only in a message that names no other subject anywhere: "Mom's been prescribed Prolia injections for
    # osteoporosis. What side effects should we watch for?" asks of Prolia, round 36)
    if size > BARE_QUESTION_WORDS and (size > LONGER_BARE_QUESTION_WORDS or subjects):
        return None
    if len(asking) == 1:
        return reply
    # (then more questions of LDN itself, each its answer: "what side effects and do you have to build up slowly or
    # whatever, the pamphlet was in like size 2 font", round 105)
    more = compound(message, [])
    if more is None and not any(
        subjects & set(words(text[p.get("start", 0) : p.get("end", len(text))])) for p in asking[1:]
    ):
        # (the other clauses that ask name no subject, and read as no second topic: "What side effects should my mom
        # watch out for? She will ask me about every single twinge lol so I'd like to know what's normal", round 127)
        return reply
    return more if more and set(more) <= about_ldn_itself() and more[0] == reply[0] else None


def _asking_parts(parts: List[Dict[str, Any]], text: str) -> List[Dict[str, Any]]:
    """The clauses (the clause model's parts) that ask, in the order written."""
    return [p for p in parts if is_question(text, p.get("start", 0), p.get("end", len(text)))]


def _asks_of_ldn_named(message: UserUttered, text: str) -> bool:
    """LDN is named in the first clause that asks."""
    asking = _asking_parts(_parse(message).get(PARTS) or [], text)
    if not asking:
        return False
    start, end = asking[0].get("start", 0), asking[0].get("end", len(text))
    return any(start <= m.start() < end for m in _ANCHOR.finditer(text))


def _asked_apart(text: str, parts: List[Dict[str, Any]]) -> List[str]:
    """What a clause of its own asks of the article, beside another clause that asks what only the prescriber can
    answer: a near topic's bridge ("ok so does ldn help hashimotos AND is it safe to take w my birth control pill",
    round 131), else an article condition named and asked surely ("LDN help fibro, and mi can take it together with the
    Cymbalta?", round 145). Else nothing (one clause that names both asks only the prescriber's question)."""
    # (a clause asks, or shares its sentence with the question mark: a question said without its "does" is one too)
    asking = [
        p
        for p in parts
        if is_question(text, p.get("start", 0), p.get("end", len(text)))
        or _QUESTION_MARK_AHEAD.match(text, p.get("end", len(text)))
    ]
    limited = [p for p in asking if limits.honest_limit(text[p.get("start", 0) : p.get("end", len(text))], ())]
    if not limited:
        return []
    apart = [p for p in asking if p not in limited]
    for part in apart:
        near = near_topics.find(text[part.get("start", 0) : part.get("end", len(text))])
        if near and not near.comparison_only:
            return _bridge(near)
    return [
        reply
        for part in apart
        if (part.get("confidence") or 0.0) >= SURE_OF_CLAUSE
        for reply in _part_reply(part, text, None)
        if reply in _condition_reply([str(e.get("value")) for e in part.get("entities") or []])
    ][:1]


def compares_with_full_dose(text: str) -> bool:
    """LDN set beside full-dose naltrexone, named by its dose or by the addiction it treats."""
    return bool((_FULL_DOSE_NAMED.search(text) or _ADDICTION_TREATED.search(text)) and _SIDE_BY_SIDE.search(text))


# How sure the reading with LDN implied must be that a message naming nothing outside everyday words asks of another
# subject, for what the assistant covers to follow the opioid warning: "How long is the recovery before I can drive?"
# (0.97), not "I'm having surgery next week, what should I do?" (0.78, which the warning answers).
SURE_OTHER_SUBJECT = 0.9


def beside_opioid(tracker: DialogueStateTracker) -> List[str]:
    """What a message that names an opioid also asks of the article, to answer after the opioid warning: a near topic's
    bridge, and each clause that asks a topic surely and names no opioid. Not how to start LDN: with an opioid, that
    is the prescriber's question, which the warning says."""
    message = tracker.latest_message
    if not isinstance(message, UserUttered) or not message.text or tracker.active_loop_name:
        return []
    parse, text = _parse(message), said(message)
    if parse.get(LIMIT) or _entities(message, "NOT_COVERED"):
        return []
    topics = set(topic_responses().values()) - {replies_by_intent().get("ask_titration")}
    near = near_topic_named(message)
    plan = _bridge(near) if near and not near.comparison_only else []
    if compares_with_full_dose(text):
        # "is ldn the same pill they give ppl getting off opioids?? just a smaller amount?" (round 129): after the
        # warning, how the low dose differs from the full one.
        plan.append(replies_by_intent()["ask_full_vs_low_dose"])
    elif _ASKS_IF_OPIOID.search(text):
        # "Is LDN one of them narcotics, because I won't take anything I could get hooked on" (round 148): after the
        # warning, what LDN is (a medicine that blocks opioid receptors).
        plan.append(replies_by_intent()["ask_what_is_ldn"])
    # (a clause read less surely, as the classifier's next guess for the whole message, is as sure)
    ranking = [r.get("name") for r in parse.get("intent_ranking") or [] if r.get("name") != safety_policy.OPIOID_INTENT]
    for part, start, end, after in _clause_spans(parse.get(PARTS) or [], text):
        opioid = any(e.get("entity") == safety_policy.OPIOID_ENTITY for e in part.get("entities") or [])
        asking = is_question(text, start, end) or "?" in text[end:after]
        confidence = part.get("confidence") or 0.0
        sure = confidence >= SURE_OF_CLAUSE or (confidence >= SURE_OF_MESSAGE and ranking[:1] == [part.get("intent")])
        if opioid or not asking or not sure:
            continue
        plan += [reply for reply in _part_reply(part, text, None) if reply in topics]
    implied = parse.get(IMPLIED) or {}
    if (
        not plan
        and not _entities(message, safety_policy.OPIOID_ENTITY)
        and not _ANCHOR.search(text)
        and implied.get("name") == OUT_OF_SCOPE
        and (implied.get("foreign_asked") or (implied.get("confidence") or 0.0) >= SURE_OTHER_SUBJECT)
    ):
        # A procedure to come, asked about for another subject, LDN unsaid: "I am scheduled for a total knee replacement
        # in March. What is the typical recovery period" (round 148). The warning, then what the assistant covers.
        plan.append(replies_by_intent()[OUT_OF_SCOPE])
    return list(dict.fromkeys(plan))[:3]


def asks_own_dose(tracker: DialogueStateTracker) -> bool:
    """The latest message asks about a change of one's own (or someone's) LDN dose, however it is worded and
    whatever the classifier made of it ("Time to bump up to 4.5?" read as the dosing-time question): the
    prescriber's question. The safety policy reads it too, in every state (the dosing form included)."""
    message = tracker.latest_message
    if not isinstance(message, UserUttered) or not message.text:
        return False
    intent = (message.intent or {}).get("name")
    text = said(message)
    if intent in SAFETY_INTENTS or not asks_dose_change(text):
        return False
    if _ASKS_OF_PEOPLE.search(text) and not _FIRST_PERSON.search(text) and not _UNIT.search(text):
        # "why do ppl start ldn super low and go up instead of ..." (round 142): how people are dosed, in general.
        return False
    # (as written: a reading's joined words are no medicine's name, "may sakit pa rin" read as "sakitparin")
    if not _ANCHOR.search(text) and limits.names_another_taken(message.text):
        # "How much vitamin D ought a woman of 78 to take? ... 4000 IU tablets ... too much", "my blood pressure was
        # 150/95, is that high?": the dose or measure of something else, with LDN unsaid (the gate's reading too).
        return False
    if _TAPERS_ANOTHER.search(text) and (limits.known_medicines(text) or limits.generic_medicines(text)):
        # Another medicine's taper told with its amounts ("tapering off prednisone again, down to 10 from 40 ... can LDN
        # be started while I'm still on prednisone", round 113): a named interaction, not one's own LDN dose.
        return False
    implied = _parse(message).get(IMPLIED) or {}
    # (or the gate's reading of it with LDN left unsaid, when it names nothing else: "Should I be on
    # something smaller than 4.5?")
    implied_dose = implied.get("name") == "individual_dose" and not implied.get("foreign")
    return bool(
        _ANCHOR.search(text)
        or (_UNIT.search(text) and not limits.known_medicines(text) and not limits.generic_medicines(text))
        or len(set(_AMOUNT.findall(text))) > 1  # "4.5 gives me crazy dreams but 3 felt fine. Can I go back to 3?"
        or about_ldn_so_far(tracker)
        or intent in ("ask_dosing_time", "inform_dose_time")  # the classifier's LDN dosing questions
        or implied_dose
        or (
            (
                _MY_DOSE.search(text)
                or _NAMED_STEP.search(text)
                or _DOSE_FOR_SOMEONE.search(text)
                or _ON_AMOUNT.search(text)
                or _BACK_TO.search(text)
                or _FOR_ONESELF.search(text)
                or _SPLIT.search(text)
                or _DOUBLE_UP.search(text)  # "what if i take 2 at once since one dont seem to be doing nothin"
            )
            and not limits.known_medicines(text)
            and not limits.generic_medicines(text)
        )
    )


def _with_a_meal(message: UserUttered) -> bool:
    """A time of day named, and nothing named beside it but what is taken with a meal ("in the morning with my
    coffee")."""
    text = said(message)
    # ("The pill" said alone is LDN where it is taken: "When should he take the pill, in the morning with his café or at
    # night?", round 135, names no other medicine.)
    medicines = set(limits.named_medicines(text))
    return bool(_entities(message, "TIME_OF_DAY") and medicines and medicines <= _WITH_A_MEAL)


def plan_for(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The replies to the latest message when this policy reads it otherwise than its intent alone; else None."""
    if tracker.active_loop_name:
        return None
    message = tracker.latest_message
    if not isinstance(message, UserUttered) or not message.text:
        return None
    intent = (message.intent or {}).get("name")
    parse = _parse(message)
    if (
        intent in ("ask_dosing_time", "inform_dose_time")
        and parse.get(LIMIT) == limits.OTHER_MEDICINES
        and not _with_a_meal(message)
    ):
        # "Can I take LDN and metformin at the same time?", "ok with gabapentin 3 times a day?", "is ldn ok with
        # adderall, I take 20mg in the mornings": a named interaction, the prescriber's question, not the dosing talk.
        return ["utter_not_covered"]
    text = said(message)
    if asks_own_dose(tracker):
        return [replies_by_intent()["individual_dose"]]
    # The answer just given, said back with an acknowledgement ("Autoimmune disease, got it.", "Start low, alright."):
    # thanks, not the same answer again.
    if about_ldn_so_far(tracker) and intent not in SAFETY_INTENTS and acknowledges(text):
        return [replies_by_intent()["thanks"]]
    # More of the list just given ("Anything beyond that?", "What else can it do to ya?"): the other conditions after
    # an answer about conditions, the side effects after one about a side effect.
    more = more_of_the_list(tracker, message)
    if more:
        return [more]
    # A question an unsure classifier read as "stop", "no" or "yes" ("can it cuase wierd dreams", "is it legit for
    # that?") answers nothing: it is read as a message the classifier could not place (and never ends the talk).
    misread = (
        intent in NOT_ANSWERS
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
        and len(text.split()) >= MIN_QUESTION_WORDS
        and asks(text)
    )
    # (And one read unsurely as a request to delete the chat that asks about LDN and names a subject: "My neurologist
    # suspects early demyelinating disease... Is LDN relevant at that stage?", round 87.)
    misread = misread or (
        intent == "forget_me"
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
        and asks(text)
        and bool(_ANCHOR.search(text))
        and bool(near_topics.find(text) or _entities(message, "CONDITION"))
    )
    # (Nor is one that names nothing to delete, whatever its memory words: "I forgot to ask what that means for me".)
    misread = misread or (intent == "forget_me" and not _NAMES_WHAT_TO_DELETE.search(text))
    intent = FALLBACK if misread else intent
    # (or, in a conversation about LDN, another medicine given up for it: "ldn for depression" ... "so i could drop my
    # prozac and use this", round 103, read as "stop")
    named_limit = _ANCHOR.search(text) or (about_ldn_so_far(tracker) and parse.get(LIMIT) == limits.OTHER_MEDICINES)
    if intent in NOT_ANSWERS + ("goodbye", "thanks") and parse.get(LIMIT) and named_limit:
        # "lexapro + ldn, ok together or no" read as "goodbye": a named interaction, the prescriber's question.
        return ["utter_not_covered"]
    if intent not in SAFETY_INTENTS and _GIVES_A_REASON.match(text) and limit_told_last(tracker):
        # The reason for the question just given the honest limit ("can it like fully replace my zoloft" ... "bc zoloft
        # makes me feel so numb", round 102): still the prescriber's question.
        return ["utter_not_covered"]
    # ("What about UC?" may read as a request for the topics menu; a subject named makes it a question.)
    near = near_topic_named(message)  # (one reading of the text, used below)
    names_a_subject = bool(near or _entities(message, "CONDITION"))
    if (
        intent not in SAFETY_INTENTS
        and about_ldn_so_far(tracker)
        and is_follow_up(text)
        and asks(text)
        and _ASKS_TAKING.search(text)
        and safety_policy.opioid_told_before(tracker)
    ):
        # A question about it after an opioid was told, whatever the classifier made of it ("so is that going to be
        # a problem" read as "are you a bot?"): the opioid warning.
        return [replies_by_intent()["opioid_interaction"]]
    if (
        intent == "inform_dose_time"
        and len(text.split()) >= MIN_QUESTION_WORDS + 1
        and not about_ldn_so_far(tracker)
        and not (_ANCHOR.search(text) or _IT_IS_LDN.search(text))
        and not dosing_time.asks_the_time(text)
        and not set(dosing_time.words_of(text)) & dosing_time.TAKING
        and any(asks(text[start:end]) for start, end in _sentences(text))
        # (every sentence that asks names no time and weighs none: "Pharmacist says bedtime, my buddy says morning.
        # Which is it." asks when to take it)
        and all(
            not _entities_in(message, ("TIME_OF_DAY",), start, end) and not _WEIGHS_TIMES.search(text[start:end])
            for start, end in _sentences(text)
            if asks(text[start:end])
        )
        and len(set(_entities(message, "TIME_OF_DAY"))) <= 1
    ):
        # A time of day told in a complaint, then a question of another subject, as a first message: "my feet go numb
        # some nights when I lay down. what causes that" (round 101) tells no time LDN is taken.
        return [replies_by_intent()[OUT_OF_SCOPE]]
    # (thanks, then a question of a subject in a sentence of its own: "Thank you. Does that apply to MS as well?", round
    # 142, got only "You're welcome")
    thanked_then_asked = (
        intent == "thanks"
        and names_a_subject
        and (
            any(asks(text[start:end]) for start, end in _sentences(text)[1:])
            # (or in the same sentence, after the thanks: "thank you, and is it ok for crohns?")
            or ("?" in text and len(text.split()) > THANKS_ALONE_WORDS)
        )
    )
    if (
        intent in SAFETY_INTENTS
        or intent in LEFT_ALONE
        and intent != "greet"
        and not (intent == "ask_topics" and names_a_subject)
        and not thanked_then_asked
    ):
        return None
    if thanked_then_asked:
        intent = FALLBACK  # the thanks is answered by the question's answer: read on as a message not yet placed
    if tracker.latest_action_name == ACTION_LISTEN_NAME and feedback_policy.next_step(tracker)[0]:
        # The answer to "Was this helpful?": the feedback policy's. (Only then: once a plan has begun, the
        # feedback question that falls due after its first answer waits for the rest of it.)
        return None
    replies = replies_by_intent()
    anchored = bool(_ANCHOR.search(text) or _IT_IS_LDN.search(text))
    # In a conversation about LDN, LDN goes without saying for a message worded as a follow-up, or one
    # that reads as an LDN question once LDN is implied.
    in_context = about_ldn_so_far(tracker) and (is_follow_up(text) or leans_on_ldn(message))
    # A first question asked of "it" or "this medicine", naming no other medicine: in this assistant, the medicine
    # is LDN ("does it hurt your liver over a long time", "what kind of side affects does this have").
    in_context = in_context or unnamed_ldn(message, anchored)
    parts = parse.get(PARTS) or []
    if (
        intent in replies
        and replies[intent] in set(topic_responses().values())
        and not anchored
        and not about_ldn_so_far(tracker)
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
        and parts
        # (not one that names an article condition, or points at the medicine: "help with autoimmune things AND with
        # depression, is that right" (round 87), "What are the side efects of this medecine?")
        and not _named_replies(message)
        and not _LDN_UNNAMED.search(text)
        and all(p.get("intent") in (OUT_OF_SCOPE, None) for p in parts)
        and any(p.get("intent") == OUT_OF_SCOPE for p in parts)
    ):
        # An unsure article topic for a first message that names no LDN, where every clause reads as another subject:
        # "What is the normal range for TSH? My results say 4.8 and I do not know if that is high." (round 100, read as
        # the full dose at 0.52).
        return [replies[OUT_OF_SCOPE]]
    full_dose = [replies["ask_full_vs_low_dose"]]
    if (
        intent in UNSURE
        and anchored
        and not parse.get(LIMIT)
        and compares_with_full_dose(text)
        # (one question: two are each answered below, "how is it different from the naltrexone for drinking, and why
        # do you have to start so low")
        and compound(message, full_dose) is None
    ):
        # One's own naltrexone set beside what another took for an addiction, in many words: "my nephew was on
        # naltrexone for the drinking ... I want to know how what I'd be taking is any different" (round 129).
        return full_dose
    if (
        intent == "ask_full_vs_low_dose"
        and not compares_with_full_dose(text)
        and not _FULL_DOSE_NAMED.search(text)
        and not parse.get(LIMIT)
        and _STARTS_LOW_GOES_UP.search(text)
    ):
        # Why one starts small and goes up, with no full dose named, read as the full dose: "LDN begin, how? small
        # first, later more? why slow, why not full right away" (round 148): how to start.
        return [replies["ask_titration"]]
    # (LDN named in the question itself, among what is told: "... Mom reads Korean better than English. What actually is
    # LDN? She's convinced it's some kind of herbal supplement lol", round 127)
    bare = (
        intent in UNSURE
        and not about_ldn_so_far(tracker)
        and (not anchored or _asks_of_ldn_named(message, text))
        and _bare_ldn_question(message, text)
    )
    if bare:
        # One short question of LDN itself that names nothing, among what is told of one's life: "what are the side
        # effects?? need to know before i start bc midterms are in 2 weeks" (round 102, read as off-topic).
        return bare
    pointed = intent in UNSURE and not anchored and not about_ldn_so_far(tracker) and pointing_part(message, text)
    if pointed:
        # "How's it supposed to work? Plain talk please, I didn't go to college.": the one clause that asks, of "it".
        return [replies[pointed]]
    named = list(dict.fromkeys(_named_replies(message)))
    if (
        replies.get(intent or "") in about_ldn_itself()
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
        and (anchored or in_context)
        and len(named) == 1
        and named[0] in condition_replies()
        and (_HELPS_WITH.search(text.lower()) or _DOES_ANYTHING_FOR.search(text))
        and len(_asking_parts(parts, text)) <= 1
        and not parse.get(LIMIT)
        and not near
        # (one question: two are each answered below, "what side effects does it have, and does it help fibromyalgia?")
        and compound(message, named) is None
    ):
        # Whether it helps the one article condition named, read unsurely as a topic of LDN itself: "does ldn do
        # anything for the blues" (round 129, read as how it works at 0.41).
        return named
    if (
        intent in UNSURE
        and not anchored
        and not about_ldn_so_far(tracker)
        and named
        and len(named) <= 2
        and leans_on_ldn(message)
        and not parse.get(LIMIT)
        and _ASKS_FINDINGS.search(text)
    ):
        # A first question of what is known of an article condition, naming nothing outside the article: "What did
        # they find about Crohn's? My nephew has had two surgeries", "Crohn's. What does the data look like?" (round
        # 81-82, read as off-topic with LDN unsaid). On an LDN assistant, the article's account of it, with any other
        # topic its clauses ask ("autoimmune in general + MS specifically: what's the evidence for each?").
        topics = set(topic_responses().values())
        also = [replies[p["intent"]] for p in parse.get(PARTS) or [] if replies.get(p.get("intent")) in topics]
        return list(dict.fromkeys(named + also))
    # One side effect named, and no subject the article leaves out: the three readings below answer that side effect.
    one_side_effect = (
        len(named) == 1
        and named[0] in symptom_replies()
        and not parse.get(LIMIT)
        and not _entities(message, "NOT_COVERED")
    )
    if (
        one_side_effect
        # (its name said is enough, right after the side effects: "Insomnia specifically: how common, and mitigations?",
        # round 102)
        and (in_context or about_ldn_so_far(tracker))
        and last_topic_answer(tracker) == replies.get("ask_side_effects")
    ):
        # One side effect of the list just given, asked after however the classifier read it ("The sleep one you
        # mentioned - what does that actually look like? Sorry.", "Sorry, the stomach one - is that just at the
        # start?", round 90): that side effect.
        return named
    if (
        one_side_effect
        and intent in UNSURE
        and (anchored or _LDN_UNNAMED.search(text))
        and not (parse.get(IMPLIED) or {}).get("foreign")
    ):
        # A side effect told after taking it, the classifier unsure, LDN named or pointed at: "my belly kills after i
        # take it is that the medecine" (round 141), "cramping up low in my belly ... since I started is that from it"
        # (round 142): that side effect.
        return named
    if (
        one_side_effect
        and replies.get(intent or "") in condition_replies()
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_CLAUSE
        and anchored
        and not _entities(message, "CONDITION")
        # (not whether it helps that trouble: "can ldn help my insomnia")
        and not _HELPS_WITH.search(text.lower())
    ):
        # A side effect on LDN, no condition named, read unsurely as a condition's topic: "anyone else get crazy vivid
        # dreems on ldn or just me" (round 148, read as the other conditions): that side effect.
        return named
    if (
        one_side_effect
        and intent == "ask_titration"
        and _questions(text)
        and not any(_ASKS_STARTING.search(sentence) for sentence in _questions(text))
    ):
        # A side effect told after starting LDN, then asked about, read as how to start it: "started ldn and now my
        # dreams are straight up cinematic. is that normal" (round 118): that side effect.
        return named
    if (
        intent in replies
        and replies[intent] in about_ldn_itself()
        and replies[intent] != replies["ask_what_is_ldn"]
        and not named
        and not parse.get(LIMIT)
        and not _entities(message, "NOT_COVERED")
        and _questions(text)
        and all(_ONLY_WHAT_IT_IS.fullmatch(q.strip()) for q in _questions(text))
    ):
        # The one question is what it is, after a story of where one heard of it: "ok so my GI nurse mentioned something
        # called LDN today while i was wrangling the twins in the waiting room. what even is it" (round 119, read as
        # how it works).
        return [replies["ask_what_is_ldn"]]
    if (
        in_context
        and len(named) == 1
        and intent in replies
        and replies[intent] != named[0]
        # (or sure of the answer just given, while the follow-up asks whether it helps the condition: "And does that
        # mechanism explain why it might help in Crohn's?" after how LDN works, round 99)
        and (
            ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
            or (replies[intent] == last_topic_answer(tracker) and bool(_ASKS_USE.search(text)))
        )
        and not parse.get(LIMIT)
        and not _entities(message, "NOT_COVERED")
    ):
        # A follow-up that names one condition or side effect, read unsure as another topic ("the dreams one. how
        # bad does that get" after the side effects, read as how LDN works): the one it names.
        return named
    main = [replies[intent]] if intent in replies else []
    # (a clause that ends with a full stop tells: "... and is willing to try almost anything.")
    asking = [
        p
        for p, start, end, after in _clause_spans(parts, text)
        if is_question(text, start, end) and not text[start:after].rstrip().endswith(".")
    ]
    named_in_asking = _condition_reply([str(e.get("value")) for e in asking[0].get("entities") or []]) if asking else []
    if (
        set(main) & set(topic_responses().values())
        and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
        and len(parts) > 1
        and len(asking) == 1
        and named_in_asking == [replies.get(str(asking[0].get("intent")))]
        and named_in_asking != main
        and not parse.get(LIMIT)
        # (no other clause read as an article topic, or naming a subject: "Would LDN help with my fibro AND my
        # depression, or is that asking too much of one pill" asks both)
        and not any(
            p.get("entities") or replies.get(p.get("intent")) in topic_responses().values()
            for p in parts
            if p is not asking[0]
        )
    ):
        # The one clause that asks names an article condition, and is read as it; the sentences around it tell
        # ("Could LDN help with Chrons disease? My son-in-law has been suffering terribly ... willing to try almost
        # anything", round 104, read unsure as the other conditions): that condition's answer.
        return named_in_asking
    unsure = intent in UNSURE or ((message.intent or {}).get("confidence") or 0.0) < UNSURE_OF_BARE_FOLLOW_UP
    if about_ldn_so_far(tracker) and unsure and intent not in SAFETY_INTENTS and is_bare_follow_up(text):
        # "why", "how long", "is it bad" just after an answer: more of that answer's subject, the answer again.
        last = last_topic_answer(tracker)
        if last:
            return [last]
    fits = _WHERE_IT_FITS.search(text)
    if (
        fits
        # (the question ends there, naming no answer itself: not "ok so where does LDN come into that, is it the
        # endorphin thing", round 65)
        and len(text[fits.end() :].split()) <= 1
        and about_ldn_so_far(tracker)
        and not _entities(message, "CONDITION")
        and not _entities(message, "NOT_COVERED")
    ):
        # "so where does ldn come into that", after the answer on stress and the immune system: that answer, which
        # tells where LDN comes in.
        last = last_topic_answer(tracker)
        if last:
            return [last]
    new_subject = _NEW_SUBJECT.search(text)
    # (LDN named only in saying so: "Sorry, this isn't about LDN, but is it normal to feel a bit dizzy", round 113)
    named_apart = new_subject is not None and bool(
        _ANCHOR.search(text[: new_subject.start()] + text[new_subject.end() :])
    )
    if new_subject and asks(text) and not named_apart:
        # "ok thanks. totally unrelated but how much B12 should someone with MS be taking?": the patient says the
        # question is not about LDN; say what the assistant covers.
        return [replies[OUT_OF_SCOPE]]

    # An opioid named earlier, and now a question about taking LDN: the opioid warning.
    if (anchored or in_context) and _ASKS_TAKING.search(text) and safety_policy.opioid_told_before(tracker):
        return [replies["opioid_interaction"]]

    # A question about other medicines or remedies alone ("what's the difference between lyrica and cymbalta for
    # fibro", "Is selenium good for Hashimoto's?"), with LDN neither named nor going without saying: another subject,
    # not the article's fibromyalgia answer or the thyroid bridge. (The "it" of "is it ok to take zyrtec every day" is
    # no LDN: round 98.)
    # (nor the "it" after a medicine or supplement named first: "Selenium for thyroid... does it actually help", round
    # 103)
    # (the first word that points being "it": "Does this work ... like my wife's methotrexate" points at LDN first)
    first_it = re.search(r"\b(?:it|this|that)\b", text, re.IGNORECASE)
    before_it = text[: first_it.start()] if first_it and first_it.group(0).lower() == "it" else ""
    remedy_first = bool(limits.known_medicines(before_it) or limits.generic_medicines(before_it))
    if (
        # (nor is the "it" of a remedy asked about: "Is an Epsom salt bath good for fibro pain? Is it safe to do every
        # night?", round 100)
        (
            not anchored
            or (
                not _ANCHOR.search(text)
                and (
                    _DUMMY_IT.search(text)
                    or _OTHER_REMEDY.search(text)
                    or _WORSENED_BY_ANOTHER.search(text)
                    or remedy_first
                )
            )
        )
        and not about_ldn_so_far(tracker)
        and not parse.get(LIMIT)
        and (
            (
                (limits.known_medicines(text) or limits.generic_medicines(text))
                and (asks(text) or (remedy_first and any(asks(text[a:b]) for a, b in _sentences(text))))
            )
            # (not one taken with "it": "any vitamins to take with it?" asks about LDN; asked anywhere: "going gluten
            # free for hashimotos, legit or hype? my whole house eats pasta")
            or (
                (_OTHER_REMEDY.search(text) or _WORSENED_BY_ANOTHER.search(text))
                and not (limits.TOGETHER.search(text) and _LDN_UNNAMED.search(text))
                and (asks(text) or "?" in text)
            )
        )
    ):
        return [replies[OUT_OF_SCOPE]]

    # Stress named with the immune system or endorphins, the article's chain, before the clauses split its list ("Is
    # there a link between stress, your immune system and endorphins?" read as off-topic or as endorphins alone), or
    # asked after an answer ("And where does stress fit into all of this?"): the answer on stress and the immune system.
    stress_link = _STRESS.search(text) and (_IMMUNE.search(text) or _ENDORPHINS.search(text) or in_context)
    both = compound(message, main)
    if (
        stress_link
        and intent in UNSURE | {"ask_endorphins", "ask_stress_immune"}
        and not parse.get(LIMIT)
        and not _entities(message, "NOT_COVERED")
        and not limits.known_medicines(text)
        and not limits.generic_medicines(text)
    ):
        # (with another topic asked in a clause of its own, both: "Is LDN good for the autoimmune diseases? And I
        # read stress makes the immune system weak, what has that got to do with it?")
        return both if both and replies["ask_stress_immune"] in both else [replies["ask_stress_immune"]]

    if (
        not both
        and not near
        and _asks_use_of_the_one_told(message, text, named, main)
        and (anchored or in_context or points_at_ldn(text))
    ):
        # One condition told, then whether LDN helps "that" ("my cousin has CRPS ... she asked me since I'm the one on
        # LDN whether it does anything for that, does it?", round 101, read as how LDN works): that condition.
        return named

    # ("Does it lift your mood? Also what's the deal with endorphins": "it", asked of two topics, is LDN.)
    # (or pointing at it, no other medicine named but the one asked about with it: "what are the side effects and can
    # i keep taking my adderall for adhd with it", round 84)
    if both and (
        anchored
        or in_context
        or intent not in UNSURE | {"greet"}
        or _IT_ASKS.search(text)
        or (
            points_at_ldn(text, parse.get(LIMIT))
            # (with another medicine, one known by name: not "the Swank diet ... my forum is obsessed with it")
            and (
                parse.get(LIMIT) != limits.OTHER_MEDICINES
                or limits.known_medicines(text)
                or limits.generic_medicines(text)
            )
        )
    ):
        return both

    # Endorphins named in a question read as how LDN works ("how does ldn work on endorphines exactly", "so endorphins
    # go up after the block wears off?"): that answer says LDN raises them, and the endorphins answer says what they
    # are; the patient named them, so both. (Not beside a near topic of the endorphins, whose bridge says more: "her
    # physio does acupunture and says it releses endorphins. is ldn working on the same system")
    reading = intent if intent not in UNSURE else (parse.get(IMPLIED) or {}).get("name") if in_context else None
    if reading == "ask_mechanism" and _ENDORPHINS.search(text) and not parse.get(LIMIT) and not near:
        return [replies["ask_mechanism"], replies["ask_endorphins"]]

    # The one clause that asks, placed by the clause model, when the whole message could not be ("got it. what
    # other side effects are there?": the acknowledgement before it threw the main classifier).
    # (Also when the message was read as "not covered" only for a practical matter told around the question:
    # "Insurance denied my MRI... all I've been left with is this LDN prescription. How is it supposed to work?")
    courtesy = [p for p in parts if _PLEASANTRY.match(text[p.get("start", 0) : p.get("end", len(text))])]
    asked = [p for p in _asking_parts(parts, text) if p not in courtesy]
    told_aside = (
        intent == NOT_COVERED
        and not parse.get(LIMIT)
        and len(asked) == 1
        and not _entities_in(message, ("NOT_COVERED",), asked[0].get("start", 0), asked[0].get("end", len(text)))
        and set(_entities(message, "NOT_COVERED")) <= set(limits.PRACTICAL_SUBJECTS)
        # (not a question about the matter told: "My pharmacist said LDN is off label. What does that mean for me?")
        and not re.search(r"\b(?:that|this)\b", text[asked[0].get("start", 0) : asked[0].get("end", len(text))], re.I)
    )
    # (And a condition named in that clause, over an unsure guess at another topic: "SLE, diagnosed 2019. What have
    # you got on LDN in lupus?" read as "what is LDN" at 0.59.)
    unsure_guess = intent in replies and ((message.intent or {}).get("confidence") or 0.0) < SURE_OF_MESSAGE
    # (And the one question among clauses of courtesy, which threw the main classifier: "Hello, I hope your well. Is
    # LDN good for lupis?" read as a greeting; "Hello, I do apologise for writing so late. Is low dose naltrexone
    # used for autoimmune diseases in general?" read as the other conditions, where the clause model is sure.)
    courteous = bool(courtesy) and (
        intent in UNSURE | {"greet"}
        or unsure_guess
        or len(asked) == 1
        and (asked[0].get("confidence") or 0.0) >= SURE_OF_CLAUSE
        and asked[0].get("intent") in replies
    )
    # "Besides autoimmune stuff, what else do people take LDN for?", "what else is it used for besides that": the
    # other conditions the article lists, not the one set aside.
    # (a first message too where it points at the medicine: "Besides the MS, what else do they give it for.")
    # (or others asked after article conditions set aside, which are what is asked of: "Besides MS, Crohn's and
    # fibromyalgia, which other ones please?", round 121)
    besides = _BESIDES.search(text)
    if besides and (
        (anchored or in_context or points_at_ldn(text))
        and _ELSE_USED_FOR.search(text)
        or (anchored or about_ldn_so_far(tracker))
        and _WHICH_OTHERS.search(text, besides.end())
        and _entities_in(message, ("CONDITION",), besides.end(), besides.end() + SET_ASIDE_CHARS)
    ):
        # (and a limit asked in a sentence of its own beside it: "... And could it replace the interferon injections of
        # my husband?", round 112)
        apart = bool(parse.get(LIMIT)) and any(
            not _BESIDES.search(text[a:b]) and limits.honest_limit(text[a:b], ()) for a, b in _sentences(text)
        )
        return [replies["ask_other_conditions"]] + (["utter_not_covered"] if apart else [])
    # (And a sure question of LDN itself beside a condition only told of in another clause, over the condition's answer:
    # "what side effects does ldn have? i already deal w enough from my ms meds honestly", round 129.)
    asked_from, asked_to = (asked[0].get("start", 0), asked[0].get("end", len(text))) if asked else (0, 0)
    told_of = (
        replies.get(intent or "") in condition_replies()
        and len(asked) == 1
        and (asked[0].get("confidence") or 0.0) >= SURE_OF_CLAUSE
        and not _entities_in(message, ("CONDITION",), asked_from, asked_to)
        and not _REFERS_BACK.search(text[asked_from:asked_to])
    )
    if (intent in UNSURE or told_aside or unsure_guess or courteous or told_of) and (
        anchored or about_ldn_so_far(tracker)
    ):
        only = _part_reply(asked[0], text, parse.get(LIMIT)) if len(asked) == 1 else []
        if intent not in UNSURE and not told_aside and not courteous:
            only = [
                reply
                for reply in only
                if reply in _condition_reply(_entities(message, "CONDITION"))
                or (told_of and reply in about_ldn_itself())
            ]
        # (an article topic only: a near topic named gets its bridge below, a limit its honest reply)
        if only and set(only) <= set(topic_responses().values()) and not near:
            return only

    # Autoimmune conditions as a group, the article's own subject and the only one named, read as the conditions the
    # author only wonders about ("Is it used for autoimmune diseases generally, or only for particular ones?", rounds
    # 87-88): the answer on autoimmunity.
    if (
        intent == "ask_other_conditions"
        and named == [replies["ask_autoimmunity"]]
        and not _ELSE_USED_FOR.search(text)
        and not _OTHERS_ASKED.search(text)  # ("Is LDN only for autoimmune diseases, or are there other conditions?")
    ):
        return named

    limit = parse.get(LIMIT)
    # (A dose for a child, with no other medicine named, is asked of LDN: "what dose would a 6 yr old get")
    from bot.nlu.components import _says_dose

    child_dose = (
        limit == limits.CHILDREN
        and _says_dose(text)
        and not limits.known_medicines(text)
        and not limits.generic_medicines(text)
        and not (parse.get(IMPLIED) or {}).get("foreign")
    )
    # (in a conversation about LDN, another medicine named with a question of taking both is asked of LDN: "Does LDN help
    # with depression?" ... "He's on Lexapro though. Can he take both?", round 102)
    both_taken = (
        limit == limits.OTHER_MEDICINES
        and about_ldn_so_far(tracker)
        and any(asks(text[start:end]) for start, end in _sentences(text))
    )
    if limit and (
        anchored
        or in_context
        or intent not in UNSURE | {"greet"}
        or child_dose
        or points_at_ldn(text, limit)
        or both_taken
    ):
        return _asked_apart(text, parts) + ["utter_not_covered"]

    # A medicine compared with LDN needs LDN named and no article condition beside it ("tried lyrica,
    # cymbalta... does LDN help fibromyalgia" asks about fibromyalgia); a disease needs an LDN question.
    if near and near.comparison_only:
        by_subject, own = knowledge.intent_for_subject(), knowledge.load()[near.topic].intent
        # (autoimmune conditions as a group are what such medicines are for: "does it work like prednisone for
        # autoimmune flares?" still asks about the medicine)
        others = [c for c in _entities(message, "CONDITION") if by_subject.get(c) != own and c not in GROUP_SUBJECTS]
        # "Is LDN better than an SSRI for depression?" names the bridge's own topic: still the bridge.
        near = near if (anchored or in_context) and not others else None
    if near and near.side_effect and _asks_it_treats(text, near):
        # "does ldn help with headaches": a complaint asked as what LDN treats, not as its side effect, which the
        # article does not cover (the side-effect bridge would answer another question).
        return ["utter_not_covered"]
    # A subject only the prescriber can answer beside it ("nursing my baby... LDN for my Hashimoto's, ok for the
    # baby?") is what the question is about: the not-covered reply, not the bridge.
    # (A medicine compared with LDN is itself one of the "other medicines".)
    its_own = (
        {near.name.lower(), limits.OTHER_MEDICINES if near.comparison_only else "", *near.own_signs} if near else set()
    )
    if near and any(v.lower() not in its_own for v in _entities(message, "NOT_COVERED")):
        near = None
    # (or asked of the medicine pointed at, which on this assistant is LDN: "Is this related to the 'runner's high' one
    # hears about?", "vivitrol... is that the same stuff as mine", round 97; not "it", which may be the near topic
    # itself: "How long does it have to be attached to give you Lyme?")
    if near and (
        anchored
        or in_context
        or intent in set(replies) - UNSURE - {"greet"}
        or asks_after(text, near)
        or any(m.group(0).lower() != "it" for m in _LDN_UNNAMED.finditer(text))
    ):
        # What LDN is, asked beside a near topic told as where one heard of it ("what actually IS low dose naltrexone.
        # hearing about it everywhere in the long covid groups"), and an article condition named beside one ("What does
        # the article say about LDN for complex regional pain syndrome? I'm reading about central sensitisation", "MCTD
        # w/ SLE features"), are answered first (round 99).
        first = [replies["ask_what_is_ldn"]] if _ASKS_WHAT_IT_IS.search(text) else []
        first += [reply for reply in named if reply in condition_replies() and reply != topic_responses()[near.topic]]
        return list(dict.fromkeys(first + _bridge(near)))

    if intent == "greet":
        return None
    # A clear question the NLU could not place, about something else: say what the assistant covers. (Not one asked of
    # "it" that reads surely as an article topic with "it" as LDN, below: "What conditions is it for?")
    if (
        intent == FALLBACK
        and not anchored
        and not in_context
        and len(text.split()) >= 4
        # (asked in any sentence: "my feet go numb some nights when I lay down. what causes that", round 101)
        and any(asks(text[start:end]) for start, end in _sentences(text))
        and not (_IT_ASKS.search(text) and _it_reading(parse, text))
    ):
        return [replies[OUT_OF_SCOPE]]
    # A follow-up that refers back ("is that something LDN gets used for?", "does it help with that?").
    if (
        (anchored or in_context)
        and _REFERS_BACK.search(text)
        and _ASKS_USE.search(text)
        and not _entities(message, "CONDITION")
        and not _entities(message, "NOT_COVERED")
    ):
        for earlier in earlier_messages(tracker)[:LOOK_BACK]:
            found = near_topics.find(said(earlier))
            if found:
                return _bridge(found)
            conditions = _condition_reply(_entities(earlier, "CONDITION"))
            if conditions:
                return conditions[:1]

    # In a conversation about LDN, LDN goes without saying: the reading with LDN named.
    implied = (parse.get(IMPLIED) or {}).get("name")
    # (Also where "it" alone names LDN: "I've been on it 6 years. Could it be damaging my liver?")
    it_is_ldn = anchored and not _ANCHOR.search(text)
    # (not a message that names a subject the article leaves out: "If she gets pregnant while she's on it, will it hurt
    # the baby?", round 100, got the mechanism at 0.3)
    # (nor, as a first message, an "it" of another subject asked: "Is it safe for him to sit in the sauna at the gym?
    # Somebody told him heat makes MS worse", round 135, got the MS answer)
    foreign_it = it_is_ldn and not in_context and bool((parse.get(IMPLIED) or {}).get("foreign_asked"))
    if (
        (in_context or it_is_ldn)
        and not foreign_it
        and intent in UNSURE | {NOT_COVERED}
        and implied in replies
        and implied not in UNSURE
        and not (intent == NOT_COVERED and _entities(message, "NOT_COVERED"))
    ):
        return [replies[implied]]
    # ... or the reading with "it" as LDN, naming nothing outside the article ("then how can it help autoimmune
    # diseases?" after the answer on the immune system).
    it_reading = parse.get(IT_AS_LDN) or {}
    # (as a first message too, after "does it", "can it"..., or when the reading is sure: "My rheumatologist said it
    # 'modulates rather than suppresses.' Can you explain the difference?")
    sure_reading = (it_reading.get("confidence") or 0.0) >= SURE_OF_CLAUSE
    reading = _it_reading(parse, text)
    if (in_context or _IT_ASKS.search(text) or sure_reading) and intent in UNSURE and reading:
        return [replies[reading]]
    return ["utter_rephrase"] if misread else None


def answers_the_form(tracker: DialogueStateTracker, domain: Domain) -> bool:
    """Small talk guessed for a clear answer to the form's yes/no question ("ya kinda, been waking up at 3am
    wired" read as "are you a bot?"): the form goes on with the answer (its slot maps the text for that small
    talk, domain.yml), before the small-talk reply's rule would answer it and ask again."""
    from bot.nlu.time_of_day import normalise_yes_no

    message = tracker.latest_message
    if not tracker.active_loop_name or not isinstance(message, UserUttered) or _acted_since_message(tracker):
        return False
    slot = tracker.get_slot(REQUESTED_SLOT)
    intent = (message.intent or {}).get("name")
    mapped = [
        m
        for s in domain.slots
        if s.name == slot
        for m in s.mappings
        if m.get("type") == "from_text" and intent in (m.get("intent") or [])
    ]
    return bool(mapped) and intent in LEFT_ALONE and normalise_yes_no(said(message)) is not None


def _acted_since_message(tracker: DialogueStateTracker) -> bool:
    """An action other than listening and slot extraction has run since the latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name not in (ACTION_LISTEN_NAME, "action_extract_slots"):
            return True
    return False


def next_action(tracker: DialogueStateTracker) -> Optional[str]:
    """The next step of the plan for the latest message, action_listen after its last, or None."""
    plan = plan_for(tracker)
    if not plan:
        return None
    done = safety_policy.done_since_message(tracker)
    if tracker.latest_action_name == ACTION_LISTEN_NAME and not done:
        return plan[0]
    if done != plan[: len(done)]:
        return None
    if len(done) < len(plan):
        return plan[len(done)]
    # The plan is done: "Was this helpful?" may follow (the feedback policy's), else listen.
    action, _ = feedback_policy.next_step(tracker)
    return None if action else ACTION_LISTEN_NAME


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=False)
class UnderstandingPolicy(SafetyPolicy):
    """Follow-ups keep the thread, both parts of a question are answered, near topics get a bridge.

    It shares the safety policy's untrained plumbing (nothing to learn), not its decisions; the
    safety policy (higher priority) always goes first, and the dosing form is left alone.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyday_words()  # (read when the model loads, not on a patient's first message: it takes over a second)

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"priority": PRIORITY}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = tracker.active_loop_name if answers_the_form(tracker, domain) else next_action(tracker)
        probabilities = self._default_predictions(domain)
        if action and action in domain.action_names_or_texts:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
