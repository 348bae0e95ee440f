"""Given names from Faker's locale lists: which words are given names, and which of them tell
"he" from "she"."""

from __future__ import annotations

import pytest

from tui.analysis.names import is_first_name, sex_of_name


def test_given_names_from_many_locales_are_known():
    for word in ("Candice", "Stanley", "Ngozi", "Errol"):
        assert is_first_name(word), word
    assert not is_first_name("candice")  # a given name is capitalised
    assert not is_first_name("Parliament")


@pytest.mark.parametrize(
    ("name", "sex"),
    [
        ("Gwen Grant", "f"),
        ("Errol Grant", "m"),
        ("Cecilia Scholefeld", "f"),
        ("Douglas Edward Wood", "m"),
        ("Mary-Jane Okafor", "f"),  # a hyphenated given name by its first half
        ("Andrea Orlando", None),  # a man's name in Italy, a woman's in England
        ("Jean Dupont", None),
        ("Grant", None),  # one word: as often a surname as a given name
        ("Zxqv Okafor", None),  # not a given name at all
    ],
)
def test_sex_of_a_name_only_where_every_list_agrees(name, sex):
    assert sex_of_name(name) == sex


def test_an_honorific_read_as_a_given_name_does_not_decide_the_sex():
    """gender.all_given: "Tan" is a woman's given name in the lists, and in "Tan Sri" a
    Malaysian honour; the man's given name after it disagrees, so nothing is decided."""
    from tui.analysis.rules import switched_off

    assert sex_of_name("Gwen Mary Grant") == "f"  # given names that agree still decide
    with switched_off("entities.honorific_pairs"):
        assert sex_of_name("Tan Sri Muhammad Hafiz Rahman") is None
        with switched_off("gender.all_given"):
            assert sex_of_name("Tan Sri Muhammad Hafiz Rahman") == "f"


def test_a_two_word_honorific_is_no_given_name():
    """entities.honorific_pairs: "Tan Sri" is a title, so the man's own given name decides."""
    from tui.analysis.rules import switched_off

    assert sex_of_name("Tan Sri Muhammad Hafiz Rahman") == "m"
    with switched_off("entities.honorific_pairs"):
        assert sex_of_name("Tan Sri Muhammad Hafiz Rahman") is None


def test_a_particle_before_a_surname_is_no_part_of_it():
    """entities.particle_surname: "al-Jedaei" and "Al-Jedaei" are the surname "Jedaei"."""
    from tui.analysis.names import surname_core
    from tui.analysis.rules import switched_off

    assert surname_core("al-Jedaei") == surname_core("Al-Jedaei") == "Jedaei"
    assert surname_core("Ping-wah") == "Ping-wah" and surname_core("al-") == "al-"
    with switched_off("entities.particle_surname"):
        assert surname_core("al-Jedaei") == "al-Jedaei"


def test_title_case_keeps_a_possessive_s_small():
    from tui.analysis.names import title_case

    assert title_case("ST. JOHN\u2019S") == "St. John\u2019s"
    assert title_case("O'NEILL") == "O'Neill"
    assert title_case("PORT MORESBY") == "Port Moresby"
