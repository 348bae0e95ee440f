"""A text with no line breaks (issue 15 item 5) is cut into pieces for the parser; the rules then
run over the pieces of that one block. What the speed work relies on: the pieces' quotes are the
paragraphs' quotes (but for one a cut runs through), and a quote's own cue names the same speaker
either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.analysis import analyse, engine
from tui.document import load_article

CORPUS = Path(__file__).resolve().parent / "corpus"
# Articles whose paragraphs each close their own quotes: the one-line text then has the same ones.
ARTICLES = ("01_wire_port_strike.txt", "06_court_case.txt", "12_org_statements.txt")


def _both(tmp_path: Path, name: str, nlp):
    """The article's body as paragraphs and as one line, with the same character offsets (a
    paragraph break of two newlines becomes two spaces)."""
    lines = [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    body = lines[1:]  # the headline would be its own block only in the paragraphs' version
    out = []
    for layout, sep in (("paragraphs", "\n\n"), ("line", "  ")):
        path = tmp_path / f"{layout}.txt"
        path.write_text(sep.join(body) + "\n", encoding="utf-8")
        article = load_article(str(path))
        out.append((article, analyse(article, nlp)))
    return out


@pytest.mark.parametrize("name", ARTICLES)
def test_one_line_in_pieces_keeps_the_paragraphs_quotes(tmp_path, nlp, monkeypatch, name):
    monkeypatch.setattr(engine, "MAX_PIECE", 600)  # a few paragraphs per piece, as a 5 MB line has
    (par_article, par), (line_article, line) = _both(tmp_path, name, nlp)
    assert len(line_article.blocks) == 1
    cuts = [start for _, start, _ in engine._units(line_article)][1:]
    assert len(cuts) >= 2

    def whole(analysis):  # a quote a cut runs through is split (the parser never sees it whole)
        return [(q.start, q.end) for q in analysis.quotes if not any(q.outer_start < c <= q.outer_end for c in cuts)]

    assert whole(line) == whole(par)
    assert len(whole(par)) >= len(par.quotes) - len(cuts)

    def own_cue(analysis):
        names = {s.id: s.name for s in analysis.speakers}
        return {
            (q.start, q.end): (names.get(q.speaker_id or ""), q.cue_start, q.cue_end)
            for q in analysis.quotes
            if q.attribution is not None and q.attribution.rule.startswith("cue.")
        }

    par_cues, line_cues = own_cue(par), own_cue(line)
    shared = par_cues.keys() & line_cues.keys()
    assert len(shared) >= len(par_cues) // 2
    for k in shared:  # the same cue, and a speaker of the same name ("Norvik" / "Norvik Telecom")
        (a, *cue_a), (b, *cue_b) = line_cues[k], par_cues[k]
        assert cue_a == cue_b
        assert a and b and (set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())), (a, b)


def test_pieces_keep_their_text(tmp_path, nlp, monkeypatch):
    """`ParsedBlock.text` is read by the rules instead of `Doc.text` (rebuilt from every token at
    each call): it must be the parser's text of exactly the piece's characters."""
    monkeypatch.setattr(engine, "MAX_PIECE", 600)
    (_, _), (article, _) = _both(tmp_path, ARTICLES[0], nlp)
    parsed = engine.parse(article, nlp)
    assert len(parsed) > 2
    for pb, (_, start, end) in zip(parsed, engine._units(article)):
        assert pb.text == pb.doc.text
        assert (pb.offset, pb.end) == (start, end)
    assert [pb.end for pb in parsed[:-1]] == [pb.offset for pb in parsed[1:]]
