"""Questions only the prescriber can answer however worded: a child, a named medicine with or instead of LDN."""

import pytest

from bot.nlu.limits import (
    CHILDREN,
    LONG_TERM_USE,
    OTHER_MEDICINES,
    WHERE_TO_GET,
    honest_limit,
    is_about_a_child,
    medicine_words,
    names_another_taken,
)


@pytest.mark.parametrize(
    "text, child",
    [
        ("can my 7 year old take it", True),
        ("my kid is 12, can she take it", True),
        ("could my teenage son use it for his crohns", True),
        ("is ldn ok for kids", True),
        ("My daughter (she's 31) has lupus", False),
        ("My daughter is 29 and has MS", False),
        ("I'm on 3 mg for 8 weeks", False),
        ("my mother is 82", False),
        # An age written "12 yo" (found on a walk through the assistant): an age, not a duration.
        ("could my 12 yo daughter use it for her crohns", True),
        ("my 9 y/o has fibro, can she take ldn", True),
        ("been on ldn for 3 years, is that ok", False),
        ("im 45 yo, can i take it", False),
        # An age a diagnosis came at (round 27): "at 22" is an adult son.
        ("my son was diagnosed with colitis at 22, is ldn used for that", False),
        ("our daughter was diagnosed with lupus at 14, could ldn help her", True),
        # A height or a weight is no age; "my boys 11" is (round 56).
        ("can my wife take 6 mg instead of 4.5? shes 6 foot", False),
        ("she's 5 ft tall and he's 9 stone", False),
        ("whats the dose for a kid? my boys 11 and his pediatrician mentioned it", True),
        # Round 73: an age in words; childhood as a time long past, of a grown person.
        ("Could the grandson have it? He's eight and he's got the Crohn's an' all, poor dab.", True),
        ("she is only twelve, can she take ldn", True),
        ("he's one of the lucky ones, ldn works for him", False),
        ("My sister's had ulcerative colitis since she was a girl. Would LDN help her?", False),
        ("as a kid I had asthma, can I take ldn", False),
        # Round 76: an age after a name or "was"; a brother of 12; childhood told as an age long past.
        ("Could my grandson take LDN? Cian is eleven and has the Crohn's since he was eight.", True),
        ("my lil brother is 12 and has crohns too. could he take ldn like me", True),
        ("my son is 30, he has had crohns since he was 14. ldn?", False),
        ("it was one of those days, does ldn help fibro", False),
        # Round 121: an age in words after a relative's "'s".
        ("My granddaughter's fourteen and has it too, could she have it?", True),
        ("My daughter's one of the nurses there, can I take ldn", False),
        # Round 121: grandchildren minded bring the colds; one's own son here is still a child.
        (
            "Does LDN lower your immune system? Only I have the grandkids every Tuesday and Thursday and they bring"
            " every bug going home from nursery",
            False,
        ),
        ("I have my son here, he is 9, can he take ldn?", True),
        # Round 139: how long something has lasted, in a second language's words, is no age; an age is still one.
        ("my mother has fibromyalgia 11 years. she ask me to type. does LDN help? she is 74", False),
        ("Mom's younger brother have long covid, very tired since 1 year. LDN for him?", False),
        ("my grandson 12 years, he has crohns. can he take ldn", True),
        ("my son has 12 years, can he take ldn", True),
    ],
)
def test_a_child_is_a_young_person_or_an_age_under_18(text, child):
    assert is_about_a_child(text) is child


@pytest.mark.parametrize(
    "text, foreign, expected",
    [
        ("Can I take LDN with my sertraline?", ["sertraline"], OTHER_MEDICINES),
        ("Lyrica and LDN together, is that fine?", ["lyrica"], OTHER_MEDICINES),
        ("could I swap my Plaquenil for ldn", ["plaquenil"], OTHER_MEDICINES),
        # A medicine named without taking it with LDN, or a word that is not a medicine: no limit.
        ("I tried sertraline years ago, what is ldn", ["sertraline"], None),
        ("week two on ldn with the wildest dreams", ["wildest"], None),
        ("can my 10 year old take ldn", [], CHILDREN),
        # The medicine first, in ASL's order (round 128).
        ("Humira, me inject. Stop Humira, LDN only, possible?", ["humira"], OTHER_MEDICINES),
        ("Methotrexate stop, change LDN?", ["methotrexate"], OTHER_MEDICINES),
        # Ways of asking about taking two together (understanding round 3).
        ("Trazodone at night for sleep, does that clash with low dose naltrexone?", ["trazodone"], OTHER_MEDICINES),
        ("metformin twice a day, any problem adding LDN?", ["metformin"], OTHER_MEDICINES),
        # LDN in another treatment's place, in more words (understanding rounds 36-38).
        ("Can LDN replace my levothyroxine so I only need to take one medicine?", [], OTHER_MEDICINES),
        ("Is LDN a substitute for steroids when lupus flares?", [], OTHER_MEDICINES),
        ("Rather than mesalazine for my UC, could I just take LDN?", ["mesalazine"], OTHER_MEDICINES),
        ("Would LDN let me drop my mesalamine?", [], OTHER_MEDICINES),
        ("is it better in the morning rather than at night?", [], None),
        ("can ldn replace my dose of sleep?", [], None),
        # Taking it for a long time, asked about; a length of time told is not asked about.
        (
            "What is known regarding the safety of taking low dose naltrexone over a great many years?",
            [],
            LONG_TERM_USE,
        ),
        ("Can I take the LDN for all my life or I need to stop some time?", [], LONG_TERM_USE),
        # Round 57: the rest of one's days, trouble "down the road".
        ("I'd likely be on this the rest of my days. Does it cause any trouble down the road?", [], LONG_TERM_USE),
        ("is it safe to take over a long period?", [], LONG_TERM_USE),
        ("what happens if you take ldn for like 20+ years?", [], LONG_TERM_USE),
        ("Long time use of LDN, is there any damage for liver or kidneys?", [], LONG_TERM_USE),
        ("I have been on LDN for 5 years, does it help thyroid?", [], None),
        ("should i take it for a few weeks before deciding", [], None),
        # Round 39: a decade, "if you take it"; a medicine and LDN, nothing else said; where to get it, in more words.
        ("Does it damage anything inside if you take it for a decade", [], LONG_TERM_USE),
        ("amitriptyline 10mg and ldn", ["amitriptyline"], OTHER_MEDICINES),
        ("ok good. and where do you actually get it in the UK", [], WHERE_TO_GET),
        ("where can i get help with my sleep", [], None),
        # Rounds 41-42: long-term risks, damage over time, staying on it long term; a generic sleeping pill's ending.
        ("Are there any long-term risks we should be aware of?", [], LONG_TERM_USE),
        ("Does LDN damage the liver over time?", [], LONG_TERM_USE),
        ("Right, and is it safe to stay on long term?", [], LONG_TERM_USE),
        ("does ldn help long term stress?", [], None),
        ("is zolpidem ok with ldn", ["zolpidem"], OTHER_MEDICINES),
        # Rounds 61-62: the other medicine stopped once LDN is started; long use without a verb of taking, and
        # asked of the people who have used it.
        ("would she be able to come off her gabapentin when she starts ldn", ["gabapentin"], OTHER_MEDICINES),
        ("can I drop the steroids once I'm on it", [], OTHER_MEDICINES),
        ("ok but is ldn fine over many years?", [], LONG_TERM_USE),
        ("has anyone looked at patients who have taken it for 15 years?", [], LONG_TERM_USE),
        ("I stopped my prednisone when I started ldn, does it help lupus?", ["prednisone"], None),
        # Rounds 63-64: Caribbean English and texting's "w" for taking two together.
        ("LDN and her metoprolol, can they go togedda?", ["metoprolol"], OTHER_MEDICINES),
        ("ok to take w tacrolimus?", ["tacrolimus"], OTHER_MEDICINES),
        # Rounds 65-66: "mess with" a named medicine; a replaced medicine described at length; long-haul problems.
        ("does ldn mess with metoprolol at all", ["metoprolol"], OTHER_MEDICINES),
        ("could she stop the naproxen her GP put her on last spring and just use LDN", ["naproxen"], OTHER_MEDICINES),
        ("any long-haul problems from ldn?", [], LONG_TERM_USE),
        # Rounds 75-80: a dialect's "wit"; another medicine dropped to "just run LDN", or its job taken over; Spanish
        # "together"; data on years of use; a length of time told is no question of it.
        ("it gonna be alright wit my blood pressure pill, de lisinopril?", ["lisinopril"], OTHER_MEDICINES),
        ("Can I drop the Tecfidera and just run LDN for the MS?", ["tecfidera"], OTHER_MEDICINES),
        ("Want off the Cymbalta. Could LDN take over that job?", [], OTHER_MEDICINES),
        ("Is there any data on people taking LDN continuously for ten years or more?", [], LONG_TERM_USE),
        ("I have been on ldn for 5 years, does it help lupus", [], None),
    ],
)
def test_honest_limits(text, foreign, expected):
    assert honest_limit(text, foreign) == expected


@pytest.mark.parametrize(
    "text, child",
    [
        # A young person is the one who would take it when named near a word of taking, treating or being ill.
        ("could my teenage son use it for his Crohn's", True),
        ("is ldn safe for kids?", True),
        ("my daughter's pediatrician suggested ldn", True),
        # ... not when only part of the writer's day (understanding round 19).
        ("between the school run and the kids' homework I never sleep. can ldn cause insomnia?", False),
        ("my kids bring every virus home. is ldn an immune suppressant?", False),
        # An age said of someone, or after a young person named (understanding round 23).
        ("he's 14, could he try it?", True),
        ("my nephew, 9, has crohns. any use?", True),
        ("she is 12 weeks pregnant, is it safe for her?", False),
        # The "dose" of LDN's own name is no dose given to the young person (understanding round 36).
        ("what is low dose now trex own exactly my daughter keeps talking about it", False),
        ("is low dose naltrexone safe for my little daughter", True),
        # A family word alone is most often a grown relative, as every round's writers meant it; a sign of youth
        # or an age makes a child; a relative by marriage never is one (rounds 47-49).
        ("is low dose naltrexone safe for my daughter", False),
        ("My son has Crohn's and his specialist brought up LDN. Does it help with Crohn's?", False),
        ("My daughter-in-law has SLE. Is LDN ever used for lupus?", False),
        ("my son has colitis, he is 9. would ldn help him?", True),
        ("can my son take ldn? he's in middle school", True),
        ("my little girl has crohns, does ldn help", True),
        ("could my granddaughter take it? she has the juvenile arthritis", True),
        # ... not young people at the writer's work, told just before them (round 81).
        ("before I start it, is it safe? I nurse on a pediatric ward all week", False),
        ("I teach kids all day, could I take it for my fibro", False),
        # ... nor after a comma (round 93), nor the children as a time of life.
        ("husband's a nurse, kids cough on him every shift. does ldn weaken immunity?", False),
        ("I had way more energy before kids, does ldn help fatigue?", False),
        ("since having the kids my thyroid has been off, would ldn help?", False),
        ("can my kids use it for their eczema?", True),
        # ... nor "the kids" at home who were ill, nor "on" before them of anything but LDN (round 105).
        ("tummy aches since ldn, normal or no? the kids had a bug last week too so idk", False),
        ("does ldn help vitiligo? ive got patches on my hands and the kids keep asking about them", False),
        ("my little girl was diagnosed with crohns last year, could ldn help", True),
        ("Anything on LDN in adolescents? I have a client with juvenile fibromyalgia.", True),
        # ... nor one's own young person one has, before them: "have" tells of them, not an illness (round 129).
        ("is it an immune suppressant? i have a toddler at nursery and we pick up every cold", False),
        ("we have a toddler who never sleeps. does ldn cause insomnia too?", False),
        ("my toddler has eczema, could she have ldn?", True),
        # ... nor a grown person known through a child, named right after them (round 134).
        ("my oldest's teacher has crohns and mentioned LDN - does it actually work for crohn's?", False),
        ("my son's coach has MS, could ldn help him?", False),
        ("my son's friend has crohns, he is 12. could he take ldn?", True),
    ],
)
def test_a_young_person_named_is_the_one_taking_it_only_near_a_word_of_taking(text, child):
    assert is_about_a_child(text) is child


@pytest.mark.parametrize("text, named", [("is budesonide ok", ["budesonide"]), ("modafinil and me", ["modafinil"])])
def test_more_generic_medicine_endings_are_read_as_medicines(text, named):
    # (round 63-64: "can i take it while im on budesonide" had got "say it another way")
    from bot.nlu.limits import generic_medicines

    assert generic_medicines(text) == named


@pytest.mark.parametrize(
    "text, limit",
    [
        # Round 81: a complaint's own length is no long-term use of LDN; years on it still are.
        ("eczema on my hands, twenty years of it now, would ldn help", None),
        ("is it safe to be on ldn for years", "long-term use"),
        ("what do years of it do to the liver", "long-term use"),
        # Round 118: the time put before the worry, and what is known over the long term; a long time told is not.
        ("LDN help MS? and take long time is safe?", "long-term use"),
        ("whats the long term data. like 20 yrs from now am i gonna regret this", "long-term use"),
        ("it took a long time to kick in, is that ok?", None),
        # Round 119: years of use asked with the years first, or as going on.
        ("How much time I can use LDN? Many years is safe?", "long-term use"),
        ("I see. And is it safe to continue for many years?", "long-term use"),
        ("we continue for 2 years with the symptoms, does ldn help", None),
        # Round 128 (a Deaf man writing in ASL's order): the years, then taking, then the worry.
        ("Lupus, LDN help? Also many year take, safe?", "long-term use"),
        ("Twenty year LDN take, liver damage? Long time safe?", "long-term use"),
        ("I take it at night for 2 years, is it safe with wine?", None),
        # Round 118: "baby" for small, before a dose or a medicine, is no child; a baby still is.
        ("so is ldn just a baby dose of the alcohol pill, and does it do anything for autoimmune stuff", None),
        ("can my baby take ldn", "children"),
        ("is a kid dose a thing for ldn", "children"),
    ],
)
def test_a_complaints_own_length_is_no_long_term_use(text, limit):
    from bot.nlu.limits import honest_limit

    assert honest_limit(text, []) == limit


@pytest.mark.parametrize(
    "text, foreign, expected",
    [
        # Round 102: a name after the word for who the person is ("my friend Edna", typos and all) is no medicine.
        ("since my friend Edna passed, does LDN help", ["edna"], []),
        ("my freind Gladys said she had some", ["gladys"], []),
        # ... while a medicine written as a name still is one.
        ("my mum takes Lyrica, is LDN ok with it", ["lyrica"], ["lyrica"]),
        # Round 124: a writer who gives everyday words capitals names nothing by a capital ("Shingles" is no medicine)...
        (
            "Does it Suppress the Immune System the way the Steroids did. I had Shingles last Winter and do not want"
            " that Again.",
            ["shingles"],
            [],
        ),
        # ... while one everyday word with a capital leaves the others' capitals names.
        ("My Doctor put me on Zembrace, is LDN ok with it", ["zembrace"], ["zembrace"]),
        # Round 132: a place after a journey or a home is no medicine ("his holidays to Tenerife"); "moved to" can be.
        ("The GP went off on his holidays to Tenerife. How much should I take?", ["tenerife"], []),
        ("my sister lives in Galway and takes it", ["galway"], []),
        ("the doctor moved me to Cymbalta, is LDN ok with it", ["cymbalta"], ["cymbalta"]),
    ],
)
def test_a_persons_name_is_no_medicine(text, foreign, expected):
    assert medicine_words(text, foreign) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Another medicine, supplement or measure asked about (rounds 1-116, scored since session 25)...
        ("Is it all right to take calcium tablets at night?", True),
        ("Should I take my blood pressure pills in the morning or at night?", True),
        ("can you get hooked on zolpidem if you take it every night for months?", True),
        ("my blood pressure was 150/95 at the pharmacy machine today, is that high?", True),
        # ... or named by its form, the name no dictionary word (round 127)
        ("she had one Shingrix shot in May. when is the second one due?", True),
        ("is it ok to use the Ozempic pen at night?", True),
        # ... not LDN said as "it" before the other is named, nor LDN as "the pill", nor a pill cut or counted
        ("can I take it with magnesium?", False),
        ("what time should she take the pill?", False),
        ("I take 3 mg. Can I cut tablet in half on nights when dreams are bad?", False),
        ("my blood pressure went up, should I take a lower dose?", False),
        ("when do I take my LDN injection?", False),
        ("when is the best time for the booster shot?", False),
    ],
)
def test_another_thing_taken_or_measured_is_told_from_ldn(text, expected):
    assert names_another_taken(text) is expected


def test_a_question_said_not_to_be_asked_ends_at_its_clause():
    # Session 35's review: "not asking about ..." had run past the comma and hidden the question after it.
    assert honest_limit("I'm not asking about dosing, can I take it together with my zoloft", ()) == OTHER_MEDICINES
    assert honest_limit("I'm not asking about combining them with zoloft, just how they differ", ()) is None


@pytest.mark.parametrize(
    "text, child",
    [
        # Round 146: an age told in brackets, an aside of the writer's day, with a question that names no one.
        ("LDN makes more endorphins? (Sorry, my 4 yr old wants a snack again.) Is that true?", False),
        # ... but an age told outside brackets, or beside a question of someone, is a child's question (the review).
        ("My 8 year old. Whats the dose?", True),
        ("My 16 year old daughter gets terrible migraines. Is it an option?", True),
        ("Can my daughter take it? (she's 12)", True),
    ],
)
def test_an_age_told_in_an_aside_only(text, child):
    assert is_about_a_child(text) is child


@pytest.mark.parametrize(
    "text, limit",
    [
        # Round 148: children lived near are no child who would take it; one's own or a sister's still are.
        ("my friend moved to Texas to be near her kids, can LDN help my MS?", None),
        ("we moved closer to the grandkids last year, does ldn help fibro", None),
        ("my sister wants to know if her kids can take ldn", CHILDREN),
        ("i visit my kids on weekends, can my son take ldn for his crohns", CHILDREN),
        # ... another treatment put aside "instead of the" it (not a time or a dose), gone on with, or had in one's system
        # beside it; how it acts set against another way is no replacement.
        ("could I use LDN instead of the Humira?", OTHER_MEDICINES),
        ("can I take it at night instead of the morning?", None),
        ("I take melatonin most nights, can I keep on with that once I start LDN?", OTHER_MEDICINES),
        ("I take Zoloft, is it alright to have both in my system?", OTHER_MEDICINES),
        ("hydroxychloroquine is an immunomodulator. Is LDN one too, modulating rather than suppressing?", None),
        ("could I take ldn rather than taking my plaquenil", OTHER_MEDICINES),
        # (the session's review: children lived with or visited may be the ones asked for; another way of taking
        # another medicine set against LDN is a replacement)
        ("I live with my kids, is it safe for them to take ldn?", CHILDREN),
        ("visiting my kids, would low dose naltrexone help them with their ADHD?", CHILDREN),
        ("Can I take LDN rather than injecting my methotrexate?", OTHER_MEDICINES),
    ],
)
def test_the_sessions_limits_are_read_of_what_is_asked(text, limit):
    assert honest_limit(text, ()) == limit
