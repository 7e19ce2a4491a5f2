"""Hindi words mixed into English read as the English words meant (bot/nlu/mixed_language.py)."""

import pytest

from bot.nlu import language
from bot.nlu.mixed_language import MIXED_IN, read_as_english


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 120 (an IT worker with Crohn's writing Hinglish): the time, side effects, a dose, a sleep answer.
        ("LDN kab lena chahiye, subah ya raat ko?", "LDN when take should, morning or night?"),
        ("Side effects kya hain?", "Side effects what are?"),
        ("3 mg capsule ko khol ke aadha le sakta hoon?", "3 mg capsule open half take can am?"),
        ("haan thoda, neend beech mein toot jaati hai", "yes little, sleep middle in broken is"),
        # In a Hindi message, words that are English words too are read as Hindi ("pet" is the stomach, "se" from).
        ("LDN se pet dard hota hai kya?", "LDN from stomach pain does is what?"),
        # One Hindi word in an English message is read; the English words around it stay English (round 68).
        ("cannot get neend again, is it the ldn?", "cannot get sleep again, is it the ldn?"),
        ("My pet dog has bad dard", "My pet dog has bad pain"),
    ],
)  # fmt: skip
def test_hindi_words_are_read_as_the_english_words_meant(written, meant):
    assert read_as_english(written) == meant


@pytest.mark.parametrize(
    "text",
    [
        # English words that are Hindi words too, with no Hindi word beside them; names and numbers with marks.
        "Two things, pet, and then I'll leave you alone: main side effects?",
        "is 4.5 mg to be taken at bedtime or in the morning",
        "Does LDN help Crohn's? My sister Dena says so",
    ],
)
def test_english_without_hindi_is_left_as_it_is(text):
    assert read_as_english(text) == text


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 124 (a mother in Texas writing for her daughter with lupus): who, a word of the article, where to buy.
        ("ok so for lupus specificamente, mi hija has SLE", "ok so for lupus specifically, my daughter has SLE"),
        ("The pharmacist said something about endorfinas?", "The pharmacist said something about endorphins?"),
        ("dónde la puedo comprar? Walgreens says they dont have it", "where can i buy? Walgreens says they dont have it"),
        # Its opening mark goes; beside two Spanish words, "con" and "la" are Spanish too.
        ("¿se puede tomar con la metformina?", "can it take with the metformina?"),
        # One Spanish word that is English too, alone in English, stays English ("con", "me", "no").
        ("is it a con? no one tells me", "is it a con? no one tells me"),
        # A phrase read counts as a word of the language (round 55).
        ("mi hijo se tomó my whole bottle", "my son took my whole bottle"),
        # Round 130 (a grandmother in New York): how one starts, a belly that hurts, stress and sadness.
        ("como se empieza, you start low and go up?", "how do you start, you start low and go up?"),
        ("Y si me duele el estómago, es de eso?", "and if my stomach hurts, is it from that?"),
        ("El estrés y la tristeza, do they lower immunity?", "the stress and the sadness, do they lower immunity?"),
        ("Since the LDN I have dolor de estómago. From the pill?", "Since the LDN I have stomach pain. From the pill?"),
    ],
)  # fmt: skip
def test_spanish_words_are_read_as_the_english_words_meant(written, meant):
    assert read_as_english(written) == meant


@pytest.mark.parametrize(
    "written, meant",
    [
        # Round 125 (a caregiver writing Taglish about her client of 84): a request, the time, sleep denied.
        ("Ano po ba talaga yung LDN?", "what really the LDN?"),
        ("Pwede ba sa tanghali ibigay yung LDN ni Lola?", "can noon give the LDN of grandmother?"),
        ("hindi rin sya makatulog mula nung nag-LDN", "she cant sleep either since nag-LDN"),
        # Round 129 (a home health nurse): "at" before a question word is "and"; "at night" stays English.
        ("CRPS pt, does LDN help? at ano mga side effects", "CRPS pt, does LDN help? and what side effects"),
        ("pwede ba inumin at night po", "can take at night"),
    ],
)  # fmt: skip
def test_tagalog_words_are_read_as_the_english_words_meant(written, meant):
    assert read_as_english(written) == meant


@pytest.mark.parametrize("mixed_in", MIXED_IN)
def test_no_word_read_wherever_written_is_another_spelling_the_language_reads(mixed_in):
    # (such a word is Hindi only beside other Hindi words: "bata" is Tagalog for a child, "ko" for "my"; and a word
    # read twice would have two places to change)
    lang = language.load()
    assert not set(lang.pairs(f"{mixed_in}_words")) & set(lang.pairs("texting_spellings"))


@pytest.mark.parametrize(
    "written, level",
    [
        # Triage round 67 (a son writing in Hinglish about his parents): signs as a Hindi-speaking family texts them.
        (
            "Bhai urgent. Mummy ne galti se papa ki tramadol ki 5-6 tablets le li, ab woh so rahi hai aur utth hi nahi"
            " rahi, breathing bahut slow hai.",
            "911",
        ),
        ("Papa ko abhi jhatke aa rahe hai, body stiff ho gayi hai aur munh se jhaag aa raha hai.", "911"),
        ("Dadi bathroom me gir gayi, hosh nahi aa raha, 5 min ho gaye.", "911"),
        (
            "Papa aaj subah se mujhe pehchan nahi rahe, bol rahe hai unhe ghar jaana hai. Kal tak bilkul theek the.",
            "911",
        ),
        ("Maine decide kar liya hai, kal raat sab khatam. Mummy papa ke liye letters likh diye hai. Sorry.", "988"),
        ("Papa ne galti se aaj raat do baar LDN le li. Abhi bilkul normal hai. Koi problem?", "poison"),
        # Hindi denies after the thing denied: no chest pain.
        ("Papa ko koi chest pain nahi hai, saans bhi theek hai, bas LDN ke baad thodi thakaan hai. Normal hai?", None),
        # Everyday Spanish words of an emergency in an English message (understanding round 55's voices; read before
        # triage since round 124).
        ("mi hijo se tomó my whole bottle of LDN", "poison"),
        ("mi esposo no responde, he took his pills", "911"),
        ("my mom se desmayó in the kitchen", "911"),
        ("I took all my pills at once, me quiero morir", "988_swallowed"),
        # ... and Tagalog's (understanding round 61's voices, triage round 55: "wala" is Tagalog's "none", not Hindi's
        # particle; read before triage since round 125).
        ("ang lolo ko hindi makahinga, nangingitim ang labi", "911"),
        ("yung nanay ko nahimatay sa banyo, she takes LDN", "911"),
        (
            "nainom ko po yung gamot ng asawa ko by mistake, his blood pressure pill (amlodipine). I feel ok naman po",
            "poison",
        ),
        ("wala naman po akong chest pain, just palpitations when I drink kape in the morning. related to LDN?", None),
        # ... and Scots and Caribbean English (triage round 70: a landlady, a Jamaican grandmother).
        (
            "Ma da's on apixaban and he's just fallen doon the cellar steps and cracked his heid. He's got a bump the"
            " size of an egg and he's gone a bit dozy on me.",
            "911",
        ),
        ("See, I've been lying awake wishing I'd just no wake up. Ten year o this pain.", "988"),
        ("Mi tek mi LDN two time tonight by mistake, mi forget seh mi did tek it already. Mi feel alright.", "poison"),
        (
            "Mi daughta swallow a whole heap a her pressure pill dem cause she seh she want dead. She still awake.",
            "988_swallowed",
        ),
        ("I havenae fainted, I just felt a bit woozy standing up quick after a double shift.", None),
        ("Mi nah vomit blood, mi jus spit likkle pink from mi gum when mi brush.", None),
        # Triage round 75 (a Jamaican grandmother): "him" for his, "mi" before a verb for I, "di" for the, "nah overdose".
        ("mi find di baby wid di pill box open and three of mi LDN gone", "poison"),
        ("Di likkle one have fever all day and now him cyaan bend him neck, him bawl at di light", "911"),
        ("Mi son nah overdose, him just tired from work. Can him tek LDN with coffee?", None),
        # Triage round 73 (a Scottish pensioner; round 4's Spanish, no longer caught by the learned part alone): Scots
        # "ah", "an", "no" (not), past forms; Spanish words of chest pain and of a stroke.
        ("Ah went tae lift ma cup an ma right hand wouldnae grip, an the wife says ma face has drapped", "911"),
        ("Ah've taen aw ma pills the night, the hale lot. Ah didnae want tae wake up.", "988_swallowed"),
        ("Ah'll no be needin ma tablets efter Sunday. Ah've written wee letters tae ma son an ma daughter.", "988"),
        ("mi papá tiene dolor fuerte en el pecho y sudor frío, the pain goes into his arm", "911"),
        ("mi abuela de repente no puede mover el brazo derecho and her face looks caída on one side", "911"),
    ],
)
def test_signs_told_in_a_mixed_language_reach_triage_as_english(written, level):
    from bot.triage.decide import assess

    assert assess(read_as_english(written)).level == level, read_as_english(written)
