"""`newsreader report`: run as a user runs it; every format is parsed back (csv, json)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from tui.report import build_report, render
from tui.report.formats import CSV_COLUMNS, md


def run(*args: str, env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "tui", "report", *args], capture_output=True, timeout=timeout, env={**os.environ, **(env or {})}
    )


def test_csv_is_one_row_per_quote_and_parses_back(seed_path, tmp_path):
    out = tmp_path / "who.csv"
    result = run(str(seed_path), "-o", str(out))  # the format follows the suffix
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows and tuple(rows[0]) == CSV_COLUMNS
    text = seed_path.read_text(encoding="utf-8")
    for row in rows:
        assert row["source"] == str(seed_path)
        start, end = int(row["start"]), int(row["end"])
        assert " ".join(text[start:end].split()) == row["quote"]
        assert row["corrected"] in ("yes", "no")
    assert [int(r["number"]) for r in rows] == list(range(1, len(rows) + 1))
    assert {"Marco Rubio", "Volodymyr Zelensky"} <= {r["speaker"] for r in rows}


def test_json_report_has_articles_and_totals(seed_path, tmp_path):
    result = run(str(seed_path), str(seed_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 2
    first = report["articles"][0]
    assert first["title"].startswith("US wants Russia")
    totals = report["totals"]
    assert totals["articles"] == 2
    assert totals["quotes"] == sum(s["quotes"] for s in totals["quotes_per_speaker"]) + totals["quotes_by_source"]["unattributed"]
    assert totals["quotes"] == 2 * sum(1 for q in first["quotes"] if q["echo_of"] is None)
    assert totals["sources"]["named"] + totals["sources"]["unnamed"] == 2 * len(first["speakers"])
    assert {p["name"] for p in first["places"]} >= {"Kyiv", "Russia"}
    zelensky = next(s for s in totals["quotes_per_speaker"] if s["name"] == "Volodymyr Zelensky")
    assert zelensky["quotes"] == 2 * next(s["quotes"] for s in first["speakers"] if s["name"] == "Volodymyr Zelensky")


def test_markdown_by_default_to_stdout(seed_path):
    result = run(str(seed_path))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert text.startswith("# Who said what\n")
    assert "## US wants Russia to agree to Ukraine truce 'unconditionally'" in text
    assert "### Marco Rubio (person, " in text
    assert "| speaker | kind | quotes |" in text
    assert "**Places:**" in text


def test_bad_input_is_one_line_and_the_article_is_never_written(seed_path, tmp_path):
    before = seed_path.read_bytes()
    result = run(str(seed_path), "-o", str(seed_path))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and b"never written" in result.stderr
    assert seed_path.read_bytes() == before
    missing = run(str(tmp_path / "nope.txt"), str(seed_path), "--format", "csv")
    assert missing.returncode == 1 and b"Traceback" not in missing.stderr
    assert b"nope.txt" in missing.stderr and missing.stdout.startswith(b"source,title")
    assert run(str(seed_path), "-o", str(tmp_path)).returncode == 2  # a directory
    assert run(str(seed_path), "--format", "xml").returncode == 2


def test_article_text_is_data_in_every_format(seed_article, seed_analysis):
    from tests.app_support import with_quotes

    analysis = with_quotes(seed_article, seed_analysis)
    speaker = analysis.speakers[0]
    speaker.name = "=cmd|' /C calc'!A0 **bold** \x1b[31m"
    report = build_report([(seed_article, analysis)])
    rows = list(csv.reader(io.StringIO(render(report, "csv"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert not any("\x1b" in cell for cell in cells)
    markdown = render(report, "md")
    assert "\x1b" not in markdown and "\\*\\*bold\\*\\*" in markdown and "\\|" in markdown
    assert md("a|b*c") == "a\\|b\\*c"
    parsed = json.loads(render(report, "json"))
    assert "\x1b" not in render(report, "json")
    names = {s["id"]: s["name"] for s in parsed["articles"][0]["speakers"]}
    assert names[speaker.id] == speaker.name  # the value itself is kept
