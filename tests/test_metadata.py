"""Metadata: copyright holders, bylines, photo and wire credits, and the whole stage on a page.

Fast: no spaCy model is loaded; every input is written here by hand.
"""

from __future__ import annotations

import pytest

from graph.ingest import find_article
from graph.metadata import author_spans, credits_in, extract_metadata, organisation_of_copyright, wire_credit
from graph.model import DateValue, Document, Span


def whole(text: str) -> Span:
    return Span(0, len(text))


def shown(text: str, span: Span | None) -> str | None:
    return None if span is None else span.text(text)


# --- organisation_of_copyright ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2023 Some News", "Some News"),
        ("Copyright (c) 2019-2021 Acme Media. All rights reserved.", "Acme Media"),
        ("Copyright © 2020 Fjord Ledger", "Fjord Ledger"),
        ("© Example.org", "Example.org"),
        ("(c) 2020, Lakeside Courier Ltd.", "Lakeside Courier Ltd"),
        ("Copyright 2018 – 2022 Nordic Ledger Inc. All Rights Reserved", "Nordic Ledger Inc"),
        ("©\u00a02023\u00a0Valley Post", "Valley Post"),
    ],
)
def test_metadata_copyright_holder(line: str, holder: str) -> None:
    assert shown(line, organisation_of_copyright(line, whole(line))) == holder


@pytest.mark.parametrize("line", ["© 2023", "Copyright 2019-2021. All rights reserved.", "©"])
def test_metadata_copyright_without_a_name(line: str) -> None:
    assert organisation_of_copyright(line, whole(line)) is None


def test_metadata_copyright_span_is_offset_into_the_page() -> None:
    page = "Some story text.\n© 2021 Harbour Gazette. All rights reserved.\n"
    start = page.index("©")
    line = Span(start, page.index("\n", start))
    span = organisation_of_copyright(page, line)
    assert span == Span(page.index("Harbour"), page.index(". All"))


# --- author_spans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Ana María López", ["Ana María López"]),
        ("by Jane Doe, John Roe & Mary Major", ["Jane Doe", "John Roe", "Mary Major"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe and Cher", ["Jane Doe"]),  # one-word names are not kept
        ("By Madonna", []),
    ],
)
def test_metadata_author_spans(byline: str, names: list[str]) -> None:
    assert [s.text(byline) for s in author_spans(byline, whole(byline))] == names


def test_metadata_author_spans_are_offsets_into_the_page() -> None:
    page = "Headline here\nBy Ingrid Haugen and Peter Moss\n"
    start = page.index("By")
    spans = author_spans(page, Span(start, page.index("\n", start)))
    assert [(s.start, s.end) for s in spans] == [
        (page.index("Ingrid"), page.index(" and")),
        (page.index("Peter"), page.index("Moss") + 4),
    ]


# --- credits_in ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "agency", "mention", "text"),
    [
        ("Workers repair a road in the rain. (AP Photo)", "Associated Press", "AP", "AP Photo"),
        ("A crowd waits at the gate. (AP Photo/Jane Doe)", "Associated Press", "AP", "AP Photo/Jane Doe"),
        ("A ferry leaves the harbour (Reuters Pictures)", "Reuters", "Reuters", "Reuters Pictures"),
        ("Pilots wave from a cockpit. (AFP Photo)", "Agence France-Presse", "AFP", "AFP Photo"),
        ("A boat on the lake (Getty Images)", "Getty Images", "Getty", "Getty Images"),
        # Not in the gazetteer: the credited words themselves are the agency.
        ("A bird on a wire. (Fjord Wire Photo)", "Fjord Wire", "Fjord Wire", "Fjord Wire Photo"),
    ],
)
def test_metadata_credits_in_caption(caption: str, agency: str, mention: str, text: str) -> None:
    [credit] = credits_in(caption, whole(caption))
    assert credit.agency == agency
    assert credit.mention.text(caption) == mention
    assert caption[credit.mention.start - 1] == "("
    assert credit.text == text
    assert credit.credited == whole(caption)


@pytest.mark.parametrize(
    "caption",
    ["A cat on a sofa. (Photo: Jane Doe)", "A cat on a sofa.", "A cat (left) and a dog (right)."],
)
def test_metadata_credits_in_caption_without_an_agency(caption: str) -> None:
    assert credits_in(caption, whole(caption)) == []


def test_metadata_credits_in_caption_finds_each_credit_in_page_offsets() -> None:
    page = "Headline\nTwo ships meet (AP Photo/Jane Doe) near a tanker (AFP Photo)\n"
    start = page.index("Two")
    caption = Span(start, page.index("\n", start))
    found = credits_in(page, caption)
    assert [(c.agency, c.mention.text(page), c.credited) for c in found] == [
        ("Associated Press", "AP", caption),
        ("Agence France-Presse", "AFP", caption),
    ]


# --- wire_credit --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "agency", "mention"),
    [
        ("BEIRUT (AP) — Fighting resumed in the south on Monday.", "Associated Press", "AP"),
        ("OSLO (Reuters) - The central bank raised rates again.", "Reuters", "Reuters"),
        ("PARIS (AFP) – Rail workers walked out on Friday.", "Agence France-Presse", "AFP"),
    ],
)
def test_metadata_wire_credit(body: str, agency: str, mention: str) -> None:
    credit = wire_credit(body, whole(body))
    assert credit is not None
    assert credit.agency == agency
    assert credit.mention.text(body) == mention
    assert credit.credited == whole(body)


@pytest.mark.parametrize(
    "body",
    [
        "OSLO (Fjord Wire) — An unknown agency is not a wire credit.",
        "Officials in OSLO (AP) said the talks had failed.",  # not at the start
        "BEIRUT — Fighting resumed in the south on Monday.",
    ],
)
def test_metadata_wire_credit_absent(body: str) -> None:
    assert wire_credit(body, whole(body)) is None


# --- extract_metadata ---------------------------------------------------------------------------

# An invented page: menu, section, headline, byline, dateline, a credited caption, a wire body,
# the article's copyright line, a "most read" list and the site's own footer.
SOLAR_PAGE = """Menu
• News
• Weather
Login

Energy
Lakeside Town Switches On Its First Floating Solar Farm

By Ingrid Haugen and Peter Moss
April 12, 2022

Engineers check panels on the reservoir near the town. (AP Photo/Karl Berg)

TYRIFJORD (AP) — A small lakeside town switched on a floating solar farm on Monday, the first of its kind in the region, after two years of planning.

The panels cover a corner of the reservoir and should power about four hundred homes during the summer months.

"We wanted to use the water we already have," the town's energy officer said at the opening ceremony.

© 2022 The Associated Press. All rights reserved.

Most Read
Storm Closes Mountain Pass
• About Us
© 2024 Valley Courier Online
"""


def solar_metadata(page: str = SOLAR_PAGE):
    doc = Document(id="solar", text=page, source="<text>", url="https://example.org/solar",
                   zones=find_article(page))
    return doc, extract_metadata(doc)


def test_metadata_extract_reads_every_part_of_the_page() -> None:
    doc, meta = solar_metadata()
    text = doc.text
    assert shown(text, meta.headline) == "Lakeside Town Switches On Its First Floating Solar Farm"
    assert shown(text, meta.section) == "Energy"
    assert [a.text(text) for a in meta.authors] == ["Ingrid Haugen", "Peter Moss"]
    assert meta.published is not None
    assert meta.published.value == DateValue("2022-04-12", "day")
    assert meta.published.span.text(text) == "April 12, 2022"
    assert [c.text(text) for c in meta.captions] == [
        "Engineers check panels on the reservoir near the town. (AP Photo/Karl Berg)"
    ]
    assert meta.url == "https://example.org/solar"


def test_metadata_extract_publisher_and_republishing_site() -> None:
    doc, meta = solar_metadata()
    assert shown(doc.text, meta.publisher) == "The Associated Press"
    assert shown(doc.text, meta.site) == "Valley Courier Online"


def test_metadata_extract_credits_for_caption_and_wire_body() -> None:
    doc, meta = solar_metadata()
    text = doc.text
    got = [(c.agency, c.mention.text(text), c.text, c.credited.text(text)[:20]) for c in meta.credits]
    assert got == [
        ("Associated Press", "AP", "AP Photo/Karl Berg", "Engineers check pane"),
        ("Associated Press", "AP", "AP", "TYRIFJORD (AP) — A s"),
    ]
    caption_credit, wire = meta.credits
    assert caption_credit.credited == meta.captions[0]
    assert wire.credited == doc.spans("body")[0]


def test_metadata_extract_footer_alone_is_the_publisher() -> None:
    page = SOLAR_PAGE.replace("© 2022 The Associated Press. All rights reserved.\n", "")
    doc, meta = solar_metadata(page)
    assert shown(doc.text, meta.publisher) == "Valley Courier Online"
    assert meta.site is None


def test_metadata_extract_same_copyright_twice_is_no_republisher() -> None:
    page = SOLAR_PAGE.replace("© 2024 Valley Courier Online", "© 2022 The Associated Press")
    doc, meta = solar_metadata(page)
    assert shown(doc.text, meta.publisher) == "The Associated Press"
    assert meta.site is None
