"""A message in a language the assistant does not read is told from English, however terse or misspelled."""

import pytest

from bot.nlu.other_language import unread_language


@pytest.mark.parametrize(
    "text, code",
    [
        # Triage round 59: whole messages in Italian and Haitian Creole, an emergency among them.
        (
            "buonasera, mia madre 78 anni prende naltrexone 1.5mg. adesso all'improvviso non riesce a parlare bene, la"
            " bocca è storta e il braccio destro non si muove. cosa faccio??",
            "it",
        ),
        ("M fatige, m pa vle viv ankò. Chak jou se doulè. Si m te ka dòmi epi pa janm leve, m t ap kontan.", "ht"),
    ],
)
def test_a_long_message_in_another_language_is_told(text, code):
    assert unread_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        # English that langid alone takes for another language: small words, medical names, typos.
        "my dentist gave me hydrocodone after wisdom teeth, do i stop ldn?",
        "um afternoons i think. after lunch. sometimes i forget till later",
        "lupus nephritis specifically, kidney involvement, does LDN help kidneys at all?",
        # Languages the data partly reads, code-mixed with English (understanding rounds 61 and 79).
        "puedo tomar LDN con mi metformina? I'm prediabetic and a bit worried",
        "Pwede ba sa hashimotos thyroiditus ang LDN? Meron din kasi ako nun",
        # Too short to tell.
        "salve, prendo LDN da un mese",
        "",
    ],
)
def test_english_code_mixed_and_short_messages_are_not_told(text):
    assert unread_language(text) is None
