"""Quote-dense input: the analysis's memory follows the text's size and shape, not its marks.

spaCy's working memory follows the tokens it parses at once, and every quote mark is a token: 100 KB
of '"' peaked at 861 MiB, 650 KB of mixed marks at 4.7 GiB. Pieces are now capped by tokens as
well as characters, and runs of marks with no word between them reach the parser as spaces."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from tests.terminal import ROOT
from tui.analysis.engine import MAX_PIECE_TOKENS, _for_parser, _units
from tui.document import article_from_bytes

MIB = 1024 * 1024


def _mixed_marks(size: int) -> str:
    rng = random.Random(14)
    return "".join(rng.choice("\"“”‘’'„«» ") for _ in range(size))


def test_mark_noise_reaches_the_parser_as_spaces(nlp):
    text = '"' * 100_000
    seen = _for_parser(text)
    assert len(seen) == len(text)  # offsets unchanged
    assert len(nlp.tokenizer(seen)) < 10
    prose = "He said \"no\", then 'maybe' -- and «non» (!?)."
    assert _for_parser(prose) == prose  # ordinary punctuation is untouched


def test_pieces_are_capped_by_tokens(nlp):
    article = article_from_bytes(("Marks\n\n" + '" a ' * 50_000).encode(), "dense.txt")
    units = _units(article)
    assert len(units) > 1
    for _block, start, end in units:
        assert len(nlp.tokenizer(_for_parser(article.text[start:end]))) <= MAX_PIECE_TOKENS * 1.2
    # Pieces tile the block: nothing skipped, nothing parsed twice.
    body = [(s, e) for b, s, e in units if b.kind.value != "heading"]
    assert body[0][0] == article.blocks[1].start and body[-1][1] == article.blocks[1].end
    assert all(a[1] == b[0] for a, b in zip(body, body[1:]))


def test_650k_of_mixed_marks_stays_far_below_a_gibibyte(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text("Marks\n\n" + _mixed_marks(650_000) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "--json", "--no-cache", str(path)], stdout=subprocess.DEVNULL, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert usage.ru_maxrss * 1024 < 1024 * MIB  # was 4.7 GiB
