"""The pipeline's tokenizer keeps abbreviated ranks whole, as the model already does for "Gov."."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("title", ["Sgt.", "Ald.", "Det.", "Insp.", "Supt.", "Cllr.", "Gov."])
def test_an_abbreviated_rank_is_one_token_and_ends_no_sentence(nlp, title):
    doc = nlp(f'"This is not a dictatorship," said {title} Anthony Beale of the 9th Ward.')
    texts = [t.text for t in doc]
    assert title in texts, texts
    assert len(list(doc.sents)) == 1


def test_a_double_mark_glued_to_a_word_is_split_off(nlp):
    """ "agencies,"said" is four tokens, so the parser sees "said"; "U.S.", "3.5%" and "It's"
    keep their usual tokens."""
    doc = nlp('"We warned the local agencies,"said Ana Cruz. The U.S. grew 3.5%. It\'s "fine".')
    texts = [t.text for t in doc]
    assert texts[5:9] == ["agencies", ",", '"', "said"], texts
    assert "U.S." in texts and "3.5" in texts and "It" in texts
