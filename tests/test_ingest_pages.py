"""Scraped text pages of invented sites in the shapes real ones take (tests/pages/text/): wire
stories, a public broadcaster, a local paper with comments, a newsletter post, a WordPress blog.
For each, the article's headline, authors, date, section, publisher and credits, and none of the
page's furniture in what is analysed. No model is needed: ingest and metadata only."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.sources import RawArticle
from graph.pipeline import ANALYSED, prepare

PAGES = Path(__file__).parent / "pages" / "text"


def read(name: str):
    text = (PAGES / name).read_text(encoding="utf-8")
    doc, _, _ = prepare(RawArticle(name, text, name))
    return doc


def shown(doc, span) -> str | None:
    return span.text(doc.text) if span is not None else None


CASES = {
    # name: (headline, authors, date, section, publisher)
    "wire_reuters_warsaw.txt": (
        "Polish farmers block border crossings as grain import talks with Kyiv stall",
        ["Anna Kowalczyk", "Tomasz Nowak"], "2024-03-14", "Europe", "Reuters"),
    "bbc_style_leeds_fire.txt": (
        "Mill fire: Hundreds evacuated as blaze rips through derelict Leeds building",
        ["Priya Raman"], None, "Leeds & West Yorkshire", "BBC"),
    "local_paper_council_comments.txt": (
        "City council approves $14.2 million budget for new Millbrook water plant",
        ["Jane Doe", "John Roe"], "2023-10-02", "Local News", "The Millbrook Herald"),
    "blog_analysis_shipping.txt": (
        "The Red Sea detours are quietly rewriting Europe's shipping map",
        ["Marta Velasquez"], "2024-02-21", "Analysis", None),
    "updated_relative_panama.txt": (
        "Drought forces Panama Canal to extend shipping limits into the summer",
        ["Luis Herrera"], "2024-03-12", "Climate", None),
    "photo_captions_accra_floods.txt": (
        "Floods in Accra kill at least 19 as torrential rain swamps Ghana's capital",
        ["Hannah Osei"], "2023-06-13", None, "Chronicle News & Media Limited"),
    "ap_wire_nakuru.txt": (
        "Kenya launches probe after fuel tanker explosion kills 14 near Nakuru",
        ["EMMANUEL KIPRONO", "SARAH WANJIRU"], "2023-08-09", None, None),
    "midbody_chrome_school_strike.txt": (
        "Teachers in Brookfield district vote to strike as contract talks collapse",
        ["Kwame Mensah", "Laura Becker"], "2024-01-09", "Education", None),
    "photo_credits_wildfire.txt": (
        "Wildfire forces evacuation of 14 villages on the island of Thassia",
        ["Nikos Varelas"], "2026-08-04", "Europe", "Aegean Daily"),
    "press_release.txt": (  # "News provided by / Halvorsen Marine ASA": a source, not an author
        "Halvorsen Marine to build NOK 4.1 billion offshore wind port at Tromsø Bay",
        [], "2026-11-26", None, "PR Wire Hub"),
    "allcaps_nonus.txt": (  # "From Chinedu Okeke, Lagos"; "Published on 26/11/2026 | 14:05 WAT"
        "LAGOS BANS COMMERCIAL MOTORCYCLES ON 12 MORE ROUTES AS RIDERS THREATEN PROTEST",
        ["Chinedu Okeke"], "2026-11-26", "Metro", "Horizon Media Limited"),
    "interview_qa.txt": (  # "Interview by Sofia Brennan"
        "'We ran out of water before we ran out of money': an almond grower on the drought",
        ["Sofia Brennan"], "2026-10-12", "Interviews", None),
    "sports_report.txt": (  # "By Declan Moss at the Quayside Stadium"
        "Harbour City 3-2 Kingsbridge Rovers: Okafor double completes late comeback",
        ["Declan Moss"], "2026-03-15", "Premier Division", None),
    "scraped_blanklines_bottom_byline.txt": (  # "— Reporting by Ana Ruiz in Santiago; ..." under the body
        "Chile copper workers vote to strike at Cerro Blanco mine over bonus dispute",
        ["Ana Ruiz"], "2026-11-26", "Markets", "Meridian Wire Service"),
    "opinion_biobox.txt": (  # a bio box between the date and the column
        "The central bank is fighting the last war. It should stop",
        ["Ruth Okonkwo"], "2026-11-26", "Columnists", "The Meridian Times Company"),
    "court_report.txt": (
        "Man jailed for six years over £2.3m pension fraud on former colleagues",
        ["Fiona Gallagher"], "2026-11-26", None, "Southern Echo Newspapers Ltd"),
    "liveblog_storm.txt": (
        "Storm Ingrid live: flooding shuts rail lines across the north as 60,000 homes lose power",
        ["Priya Natarajan", "Tom Hale"], "2026-11-26", None, "Northern Record Media Ltd"),
    "wordpress_court_comments.txt": (
        "Former treasurer of Hartwell youth hockey league pleads not guilty to embezzlement",
        ["Dan Whitaker"], "2024-03-03", None, "The Valley Ledger"),
}


def test_ingest_page_author_holding_the_copyright_is_no_publisher() -> None:
    """"© 2024 Marta Velasquez" under her own newsletter post: she is its author, not an
    organisation that published it."""
    doc = read("blog_analysis_shipping.txt")
    assert "© 2024 Marta Velasquez" in doc.text
    assert [shown(doc, a) for a in doc.metadata.authors] == ["Marta Velasquez"]
    assert doc.metadata.publisher is None and doc.metadata.site is None


@pytest.mark.parametrize("name", sorted(CASES))
def test_ingest_page_header(name: str) -> None:
    headline, authors, date, section, publisher = CASES[name]
    doc = read(name)
    meta = doc.metadata
    assert shown(doc, meta.headline) == headline
    assert [shown(doc, a) for a in meta.authors] == authors
    assert (meta.published.value.value if meta.published else None) == date
    if section is not None:
        assert shown(doc, meta.section) == section
    if publisher is not None:
        assert shown(doc, meta.publisher) == publisher


def test_ingest_page_all_pages_are_checked() -> None:
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(CASES)


@pytest.mark.parametrize(
    ("name", "standfirst"),
    [
        ("blog_analysis_shipping.txt", "Why the longer route around Africa may outlast the crisis that caused it"),
        ("photo_captions_accra_floods.txt",
         "Government promises review of drainage after worst flooding in nearly a decade leaves thousands homeless"),
        ("midbody_chrome_school_strike.txt",
         "Union says walkout could begin Monday after district rejects 8% raise demand"),
    ],
)
def test_ingest_page_standfirst_under_the_headline(name: str, standfirst: str) -> None:
    doc = read(name)
    assert [z.span.text(doc.text) for z in doc.zones if z.kind == "standfirst"] == [standfirst]
    assert "standfirst" in ANALYSED


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("wire_reuters_warsaw.txt", "Reporting by Anna Kowalczyk"),
        ("wire_reuters_warsaw.txt", "Updated 2 hours ago"),
        ("bbc_style_leeds_fire.txt", "Follow BBC Yorkshire on Facebook"),
        ("bbc_style_leeds_fire.txt", "Image source, "),
        ("bbc_style_leeds_fire.txt", "BBC News, Leeds"),
        ("local_paper_council_comments.txt", "Copyright 2023 The Millbrook Herald"),
        ("local_paper_council_comments.txt", "Jane Doe covers city government"),
        ("blog_analysis_shipping.txt", "Type your email"),
        ("updated_relative_panama.txt", "Listen to this article"),
        ("ap_wire_nakuru.txt", "contributed to this report"),
        ("ap_wire_nakuru.txt", "Kiprono covers East Africa"),
        ("midbody_chrome_school_strike.txt", "SIGN UP FOR THE MORNING BRIEFING"),
        ("midbody_chrome_school_strike.txt", "RELATED: "),
        ("midbody_chrome_school_strike.txt", "can be reached at"),
        ("wordpress_court_comments.txt", "Gary Hollis"),
        ("scraped_blanklines_bottom_byline.txt", "Reporting by Ana Ruiz"),
        ("press_release.txt", "News provided by"),
        ("opinion_biobox.txt", "Ruth Okonkwo is a former chief economist"),
        ("court_report.txt", "straight to your inbox"),
        ("liveblog_storm.txt", "13:55 GMT"),  # a live blog's entry times and titles
        ("liveblog_storm.txt", "Minister promises emergency fund"),
        ("wordpress_court_comments.txt", "Innocent until proven guilty"),
    ],
)
def test_ingest_page_furniture_is_not_analysed(name: str, furniture: str) -> None:
    doc = read(name)
    assert furniture in doc.text  # the page really has it ...
    for zone in doc.zones:  # ... and no analysed part holds it
        if zone.kind in ANALYSED:
            assert furniture not in zone.span.text(doc.text), zone


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("wire_reuters_warsaw.txt", "WARSAW, March 14 (Reuters) - Polish farmers",
         "with waiting times of up to 60 hours."),
        ("wordpress_court_comments.txt", "HARTWELL — The former treasurer", "The case continues."),
        ("ap_wire_nakuru.txt", "NAKURU, Kenya (AP) — Kenyan authorities", None),
    ],
)
def test_ingest_page_body_from_first_to_last_paragraph(name: str, first: str, last: str | None) -> None:
    doc = read(name)
    body = [z.span.text(doc.text) for z in doc.zones if z.kind == "body"]
    assert body[0].startswith(first)
    if last is not None:
        assert any(part.endswith(last) for part in body[-3:])


@pytest.mark.parametrize(
    ("name", "agencies"),
    [
        ("wire_reuters_warsaw.txt", {"Reuters"}),  # "REUTERS/Name/File Photo" and "WARSAW, March 14 (Reuters) -"
        ("photo_captions_accra_floods.txt", {"Agence France-Presse", "Getty Images", "Reuters"}),
        ("ap_wire_nakuru.txt", {"Associated Press"}),
        # "Photo by X/AFP", "Image credit: Getty Images", "Credit: X/Reuters"
        ("photo_credits_wildfire.txt", {"Agence France-Presse", "Getty Images", "Reuters"}),
    ],
)
def test_ingest_page_photo_and_wire_credits(name: str, agencies: set[str]) -> None:
    doc = read(name)
    assert {c.agency for c in doc.metadata.credits} == agencies
    for credit in doc.metadata.credits:
        assert credit.mention.text(doc.text)  # an exact span of the page


# --- HTML pages of invented sites (tests/pages/*.html): what trafilatura keeps, cleaned -----------

HTML = Path(__file__).parent / "pages"


def read_html(name: str):
    from graph.ingest import read_inputs

    [raw] = list(read_inputs([str(HTML / name)]))
    doc, _, _ = prepare(raw)
    return doc


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("jsonld_newsarticle_battery.html", "Read more:"),
        ("opengraph_only_tornado.html", "RELATED:"),
        ("opengraph_only_tornado.html", "Get the Morning Briefing"),
        ("cookie_related_comments_glacier.html", "University of Bern"),  # a teaser under "More from Science"
    ],
)
def test_ingest_html_page_furniture_is_not_analysed(name: str, furniture: str) -> None:
    doc = read_html(name)
    assert furniture in (HTML / name).read_text(encoding="utf-8")
    for zone in doc.zones:
        if zone.kind in ANALYSED:
            assert furniture not in zone.span.text(doc.text), zone


def test_ingest_html_kicker_and_repeated_headline_are_not_body() -> None:
    doc = read_html("cookie_related_comments_glacier.html")
    body = [z.span.text(doc.text) for z in doc.zones if z.kind == "body"]
    assert body[0].startswith("The Rhone Glacier")


def test_ingest_html_publisher_from_the_page_title() -> None:
    """No JSON-LD publisher, no og:site_name: the name after the title's dash."""
    doc = read_html("cookie_related_comments_glacier.html")
    assert shown(doc, doc.metadata.publisher) == "Alpine Post"


def test_ingest_html_published_time_is_not_the_update() -> None:
    """Two ``<time datetime>`` in the byline, published then "Updated", and no date in the page's
    metadata: the first is the publication date (trafilatura takes the later one); the
    correspondent's title is no author."""
    doc = read_html("time_datetime_byline.html")
    assert doc.metadata.published.value.value == "2026-11-25"
    assert [shown(doc, a) for a in doc.metadata.authors] == ["Callum Reid"]


@pytest.mark.parametrize(
    ("name", "authors", "publisher"),
    [
        # schema.org microdata: both itemprop="author" names, itemprop="publisher" → name
        ("microdata_itemprop.html", ["Lachlan Brooks", "Mei Tanaka"], "Coastal Herald Pty Ltd"),
        # no publisher in the metadata: the holder of the footer's "© Lothian Gazette Ltd 2026."
        ("time_datetime_byline.html", ["Callum Reid"], "Lothian Gazette Ltd"),
    ],
)
def test_ingest_html_microdata_and_footer(name: str, authors: list[str], publisher: str) -> None:
    doc = read_html(name)
    assert [shown(doc, a) for a in doc.metadata.authors] == authors
    assert shown(doc, doc.metadata.publisher) == publisher


def test_ingest_html_standfirst_under_the_headline() -> None:
    """trafilatura leaves out <p class="standfirst">: it is read as the standfirst zone (and a
    site's tagline above the headline is not; see test_ingest_html's OpenGraph page)."""
    doc = read_html("jsonld_newsarticle_battery.html")
    [standfirst] = [z.span.text(doc.text) for z in doc.zones if z.kind == "standfirst"]
    assert standfirst.startswith("The Swedish battery maker will close a pilot line")


def test_ingest_html_pull_quotes_are_not_repeated() -> None:
    """A pull quote (<blockquote class="pullquote">) repeats a line of the article: the text keeps
    the line once, where the article says it."""
    doc = read_html("longread_subheads.html")
    page = (HTML / "longread_subheads.html").read_text(encoding="utf-8")
    for line in ("Keeping a school open for eleven children", "I counted them on to the boat like sheep"):
        assert page.count(line) == 2  # in the article and in its pull quote ...
        assert doc.text.count(line) == 1  # ... and once in what is analysed
