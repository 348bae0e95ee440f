"""The pipeline's tokenizer keeps abbreviated ranks whole, as the model already does for "Gov."."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("title", ["Sgt.", "Ald.", "Det.", "Insp.", "Supt.", "Cllr.", "Gov."])
def test_an_abbreviated_rank_is_one_token_and_ends_no_sentence(nlp, title):
    doc = nlp(f'"This is not a dictatorship," said {title} Anthony Beale of the 9th Ward.')
    texts = [t.text for t in doc]
    assert title in texts, texts
    assert len(list(doc.sents)) == 1
