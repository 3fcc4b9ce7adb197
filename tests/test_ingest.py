"""Ingest: reading inputs exactly, and finding the article inside scraped pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import find_article, read_inputs, read_text_or_path
from graph.ingest.page import site_copyright

# A page of an invented site, shaped like real scraped news pages: menus, a share bar, a byline
# with a date above the body, an advertisement inside the body, a related list and a footer.
HARBOUR_PAGE = """Skip to content
• Home
• World
• Business
• Sport
Search

Port Authority Approves Harbour Expansion After Long Dispute

By Maria Lindqvist
March 3, 2021

Share
Tweet
Email

The Coastal Port Authority approved a plan on Tuesday to expand the northern harbour, ending a dispute that had lasted four years.

Local fishermen had opposed the project, arguing that dredging would damage the bay's breeding grounds.

Advertisement

"We listened to every objection," said the authority's chair, Tomas Berg, at a press conference in Halden.

Construction is expected to begin next spring and to cost about 40 million euros.

Related Articles
Ferry Strike Ends After Pay Deal
New Bridge Opens To Traffic

Comments
© 2021 Coastal Daily. All rights reserved.
• Privacy Policy
• Contact Us
"""


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for zone in find_article(text):
        out.setdefault(zone.kind, []).append(zone.span.text(text))
    return out


def test_ingest_finds_article_parts_on_an_unseen_site() -> None:
    found = kinds(HARBOUR_PAGE)
    assert found["headline"] == ["Port Authority Approves Harbour Expansion After Long Dispute"]
    assert found["byline"] == ["By Maria Lindqvist"]
    assert found["dateline"] == ["March 3, 2021"]
    body = " ".join(found["body"])
    assert body.startswith("The Coastal Port Authority approved")
    assert "Tomas Berg" in body and body.endswith("40 million euros.")


@pytest.mark.parametrize("chrome", ["Skip to content", "Home", "Share", "Tweet", "Advertisement",
                                    "Related Articles", "Ferry Strike Ends", "Privacy Policy", "Comments"])
def test_ingest_leaves_out_page_chrome(chrome: str) -> None:
    for zone in find_article(HARBOUR_PAGE):
        assert chrome not in zone.span.text(HARBOUR_PAGE)


def test_ingest_zones_are_exact_spans_of_the_text() -> None:
    text = HARBOUR_PAGE.replace("\n", "\r\n")
    for zone in find_article(text):
        piece = zone.span.text(text)
        assert piece == piece.strip() and "\r" not in piece and "\n" not in piece


def test_ingest_site_copyright_is_the_footer_line() -> None:
    span = site_copyright(HARBOUR_PAGE)
    assert span is not None and span.text(HARBOUR_PAGE).startswith("© 2021 Coastal Daily")


def test_ingest_plain_article_without_chrome() -> None:
    text = "Mayor Opens New Library\nJune 2, 2019\n\nThe mayor opened the new city library on Sunday, " \
           "after three years of building work that ran over budget.\n"
    found = kinds(text)
    assert found["headline"] == ["Mayor Opens New Library"]
    assert found["dateline"] == ["June 2, 2019"]
    assert found["body"][0].startswith("The mayor opened")


def test_ingest_reads_file_text_exactly(tmp_path: Path) -> None:
    raw = "Headline\r\n\r\nBody text with an é and a “quote”.\r\n".encode()
    path = tmp_path / "story.txt"
    path.write_bytes(raw)
    [article] = read_inputs([path])
    assert article.text.encode("utf-8") == raw
    assert article.id == "story"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"  \n\t\n", "is empty"), (b"\x00\x01\x02binary", "binary"),
     (b"caf\xe9 au lait", "not valid UTF-8")],
)
def test_ingest_rejects_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_inputs([path]))


def test_ingest_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        list(read_inputs([tmp_path / "nope.txt"]))
    (tmp_path / "notes.md").write_text("not an article")
    with pytest.raises(InputError, match="holds no articles"):
        list(read_inputs([tmp_path]))


def test_ingest_folder_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Second article text here.", encoding="utf-8")
    ids = [a.id for a in read_inputs([tmp_path])]
    assert ids == ["a-one", "two"]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "x1", "text": "Some text.", "url": "https://example.org/x1"}) + "\n"
                    + json.dumps({"text": "More text."}) + "\n", encoding="utf-8")
    articles = list(read_inputs([dump]))
    assert [(a.id, a.url) for a in articles] == [("x1", "https://example.org/x1"), ("dump-2", None)]


@pytest.mark.parametrize(("line", "message"), [("{not json", "not valid JSON"), ('{"id": 1}', "no \"text\"")])
def test_ingest_bad_jsonl_line(tmp_path: Path, line: str, message: str) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(read_inputs([dump]))


def test_ingest_duplicate_ids_are_made_unique(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.", encoding="utf-8")
    ids = [a.id for a in read_inputs([tmp_path / "x", tmp_path / "y"])]
    assert len(set(ids)) == 2


def test_ingest_text_or_path(tmp_path: Path) -> None:
    [article] = read_text_or_path("Police said a man was arrested in Oslo.")
    assert article.source == "<text>" and article.id.startswith("t")
    with pytest.raises(InputError, match="No such file"):
        read_text_or_path(str(tmp_path / "missing.txt"))
