"""Corrections: their file (validated, bounded, moved aside when damaged) and applying them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.app_support import with_quotes
from tui.model import EntityKind
from tui.userdata.apply import USER_RULE, apply_corrections, corrected
from tui.userdata.corrections import Correction, CorrectionError, Store, parse


@pytest.fixture
def quoted(seed_article, seed_analysis):
    return with_quotes(seed_article, seed_analysis)


def _quote(analysis, opening):
    return next(q for q in analysis.quotes if q.text.startswith(opening))


def _entity(analysis, name):
    return next(e for e in analysis.entities if e.name == name)


def _anchor(entity):
    return (entity.mentions[0].start, entity.mentions[0].end)


def test_reassign_a_speaker_by_a_listed_or_a_typed_name(seed_article, quoted):
    quote = _quote(quoted, "They'll say in public")
    fixes = [Correction("speaker", quote=(quote.start, quote.end), name="Roman Dunayevsky")]
    result, vanished = apply_corrections(quoted, fixes, seed_article.text)
    assert vanished == []
    fixed = _quote(result, "They'll say in public")
    dunayevsky = next(s for s in result.speakers if s.name == "Roman Dunayevsky")
    assert fixed.speaker_id == dunayevsky.id and fixed.corrected and fixed.attribution.rule == USER_RULE
    assert fixed.id in dunayevsky.quote_ids and dunayevsky.quote_count == 2
    assert "a 44-year-old serviceman" not in {s.name for s in result.speakers}  # left without quotes
    assert not _quote(quoted, "They'll say in public").corrected  # a new analysis; the old one is untouched
    # a name the analysis does not know becomes a speaker of its own
    typed = [Correction("speaker", quote=(quote.start, quote.end), name="Olena  Kovalenko")]
    result, _ = apply_corrections(quoted, typed, seed_article.text)
    speaker = result.speaker(_quote(result, "They'll say in public").speaker_id)
    assert speaker.name == "Olena Kovalenko" and speaker.entity_id is None


def test_not_a_quote_kind_rename_merge_split(seed_article, quoted):
    quote = _quote(quoted, "Peace will come")
    kyiv, rubio, trump = _entity(quoted, "Kyiv"), _entity(quoted, "Marco Rubio"), _entity(quoted, "Donald Trump")
    fixes = [
        Correction("not_quote", quote=(quote.start, quote.end)),
        Correction("kind", entity=_anchor(kyiv), kind="organization"),
        Correction("rename", entity=_anchor(rubio), name="Secretary Rubio"),
        Correction("merge", entity=_anchor(rubio), other=_anchor(trump)),
    ]
    result, vanished = apply_corrections(quoted, fixes, seed_article.text)
    assert vanished == []
    assert not any(q.text.startswith("Peace will come") for q in result.quotes)
    assert "Roman Dunayevsky" not in {s.name for s in result.speakers}  # his only quote is gone
    assert _entity(result, "Kyiv").kind is EntityKind.ORGANIZATION and _entity(result, "Kyiv").corrected
    merged = next(e for e in result.entities if e.id == rubio.id)
    assert len(merged.mentions) == len(rubio.mentions) + len(trump.mentions) and merged.corrected
    assert trump.id not in {e.id for e in result.entities}
    assert result.speaker(rubio.id).name == merged.name
    # split the Trump mentions out again
    moved = tuple((m.start, m.end) for m in trump.mentions)
    result2, vanished = apply_corrections(
        result, [Correction("split", entity=_anchor(merged), mentions=moved)], seed_article.text
    )
    assert vanished == []
    split = next(e for e in result2.entities if e.id.startswith("split-"))
    assert [(m.start, m.end) for m in split.mentions] == list(moved) and "Trump" in split.name


def test_a_correction_whose_target_is_gone_is_reported_once_and_dropped(seed_article, quoted, tmp_path):
    store = Store.load(seed_article, tmp_path)
    quote = _quote(quoted, "Peace will come")
    store.add(Correction("not_quote", quote=(quote.start, quote.end)))
    store.add(Correction("rename", entity=(0, 2), name="Nobody"))  # no mention there
    result, notes = corrected(seed_article, quoted, tmp_path)
    assert len(notes) == 1 and "target is gone" in notes[0] and "renamed Nobody" in notes[0]
    assert not any(q.text.startswith("Peace will come") for q in result.quotes)
    assert notes[0] in result.warnings
    _, notes = corrected(seed_article, quoted, tmp_path)  # the second open says nothing
    assert notes == []
    assert [c.op for c in Store.load(seed_article, tmp_path).corrections] == ["not_quote"]


def test_the_file_is_small_readable_json_and_undo_pops_the_last(seed_article, quoted, tmp_path):
    store = Store.load(seed_article, tmp_path)
    quote = _quote(quoted, "Peace will come")
    store.add(Correction("speaker", quote=(quote.start, quote.end), name="Marco Rubio"))
    store.add(Correction("not_quote", quote=(quote.start, quote.end)))
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["title"] == seed_article.title
    assert data["corrections"][0] == {"op": "speaker", "quote": [quote.start, quote.end], "name": "Marco Rubio"}
    assert "\n" in store.path.read_text(encoding="utf-8").strip()  # indented, for people
    again = Store.load(seed_article, tmp_path)  # a restart
    assert again.corrections == store.corrections
    assert again.undo().op == "not_quote"
    assert [c.op for c in Store.load(seed_article, tmp_path).corrections] == ["speaker"]
    again.undo()
    assert not again.path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[" * 5000,
        b"\xff\xfe",
        json.dumps({"version": 1, "corrections": [{"op": "explode"}]}).encode(),
        json.dumps({"version": 1, "corrections": [{"op": "kind", "entity": [0, 5], "kind": "planet"}]}).encode(),
        json.dumps({"version": 1, "corrections": [{"op": "not_quote", "quote": [5, 99999999]}]}).encode(),
        json.dumps({"version": 1, "corrections": [{"op": "rename", "entity": [0, 5], "name": "x" * 500}]}).encode(),
        json.dumps({"version": 99, "corrections": []}).encode(),
        b" " * 1_100_000,
    ],
)
def test_a_damaged_file_is_moved_aside_with_a_warning(seed_article, quoted, tmp_path, content):
    store = Store.load(seed_article, tmp_path)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)
    result, notes = corrected(seed_article, quoted, tmp_path)
    assert len(notes) == 1 and "corrections file ignored" in notes[0] and str(store.path) in notes[0]
    assert not store.path.exists() and store.path.with_name(store.path.name + ".bad").exists()
    assert [q.text for q in result.quotes] == [q.text for q in quoted.quotes]


def test_parse_rejects_extra_fields():
    with pytest.raises(CorrectionError):
        parse({"op": "not_quote", "quote": [1, 2], "speaker": "x"}, 10)
    with pytest.raises(CorrectionError):
        parse({"op": "not_quote", "quote": [True, 2]}, 10)


def test_json_output_applies_and_marks_corrections(seed_path, seed_article, seed_analysis, tmp_path):
    """`--json` in a new process reads the corrections a reader made: they survive a restart."""
    quote = seed_analysis.quotes[0]
    kyiv = _entity(seed_analysis, "Kyiv")
    data = tmp_path / "data"
    store = Store.load(seed_article, data / "newsreader" / "corrections")
    store.add(Correction("speaker", quote=(quote.start, quote.end), name="Marco Rubio"))
    store.add(Correction("rename", entity=_anchor(kyiv), name="Kyiv (city)"))
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    out = subprocess.run([sys.executable, "-m", "tui", "--json", str(seed_path)], capture_output=True, env=env, timeout=240)
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    first = next(q for q in record["quotes"] if q["id"] == quote.id)
    assert first["speaker"] == "Marco Rubio" and first["corrected"] is True
    assert sum(1 for q in record["quotes"] if q.get("corrected")) == 1
    place = next(p for p in record["places"] if p["id"] == kyiv.id)
    assert place["name"] == "Kyiv (city)" and place["corrected"] is True
    report = subprocess.run(
        [sys.executable, "-m", "tui", "report", "--format", "json", str(seed_path)], capture_output=True, env=env, timeout=240
    )
    article = json.loads(report.stdout)["articles"][0]
    assert next(q for q in article["quotes"] if q["id"] == quote.id)["corrected"] is True


def test_a_file_name_that_is_not_utf8_is_stored_escaped(seed_article, quoted, tmp_path):
    import dataclasses

    article = dataclasses.replace(seed_article, source="caf\udce9.txt")
    store = Store.load(article, tmp_path)
    quote = _quote(quoted, "Peace will come")
    assert store.add(Correction("not_quote", quote=(quote.start, quote.end)))
    assert "\\udce9" in store.path.read_text(encoding="utf-8")
    assert Store.load(article, tmp_path).corrections == store.corrections
