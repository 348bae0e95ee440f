"""Small lexicons about names: honorifics and titles that are not part of a name."""

from __future__ import annotations

HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. "
    "sen sen. rep rep. gen gen. col col. capt capt. lt lt. sgt sgt. gov gov. st st.".split()
)

# Words that head a title phrase ("Secretary of State", "National Security Advisor") and so
# never form an organisation or person by themselves when spaCy cuts a title apart.
TITLE_NOUNS = frozenset(
    "president vice-president premier prime minister secretary chancellor king queen prince "
    "princess emperor governor mayor senator congressman congresswoman representative "
    "ambassador envoy spokesman spokeswoman spokesperson advisor adviser chief director "
    "commander general admiral colonel captain lieutenant sergeant officer chairman chairwoman "
    "chair ceo cfo coo founder head leader judge justice attorney prosecutor lawyer coach "
    "manager captain striker defender goalkeeper pope bishop archbishop cardinal sheikh emir "
    "sultan speaker deputy official minister foreign interior defence defense executive "
    "economist analyst editor correspondent professor doctor inspector superintendent "
    "commissioner chancellor vice secretary-general undersecretary treasurer president-elect "
    "rabbi imam cleric pastor midfielder forward winger boss skipper".split()
)

TITLE_PHRASES = frozenset(
    {
        "state",
        "national security",
        "homeland security",
        "defense",
        "defence",
        "the treasury",
        "treasury",
        "justice",
        "commerce",
        "energy",
        "labor",
        "labour",
        "health",
        "education",
        "the interior",
        "interior",
        "foreign affairs",
        "home affairs",
        "the exchequer",
    }
)


def strip_honorifics(tokens: list[str]) -> list[str]:
    while tokens and tokens[0].lower() in HONORIFICS:
        tokens = tokens[1:]
    return tokens
