"""An archive folder for the corpus tests, built from the developer-written test corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
# Short articles with quotes by named people, one Markdown file, spread over folders.
PICKS = ("01_wire_port_strike.txt", "12_org_statements.txt", "15_wire_two_people.txt", "11_markdown_interview.md")


def make_archive(root: Path, picks: tuple[str, ...] = PICKS) -> Path:
    """root/archive/{desk-a,desk-b/deep}/... plus files a batch must record as errors or skip."""
    archive = root / "archive"
    for i, name in enumerate(picks):
        folder = archive / ("desk-a" if i % 2 == 0 else "desk-b/deep")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, folder / name)
    (archive / "desk-a" / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (archive / "desk-a" / "empty.txt").write_bytes(b"")
    (archive / "desk-a" / "notes.json").write_text("{}")  # not an article extension: not read
    (archive / ".hidden").mkdir()
    shutil.copy(CORPUS / picks[0], archive / ".hidden" / "copy.txt")  # hidden folders are skipped
    return archive
