"""HTML pages: detection, decoding, article text and metadata (trafilatura + the page's own
JSON-LD, OpenGraph and meta tags), and the pipeline on the extracted text.

The pages in tests/pages/ are invented sites shaped like real news pages: (1) JSON-LD +
OpenGraph with a cookie banner, menus, a related box, comments and a footer; (2) OpenGraph and
meta tags only, with the byline and a <time> in the body markup; (3) a syndicated wire story
with a "BEIRUT (AP) —" dateline and a photo caption credit; (4) a section page of links; (5) an
old page in windows-1252.
"""

from __future__ import annotations

import html as htmllib
import re
import socket
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import RawArticle, find_article
from graph.ingest.html import (
    HtmlArticle,
    _iso,
    _json_ld,
    _meta_tags,
    decode_html,
    declared_charset,
    extract_html,
    looks_like_html,
    read_html,
)

PAGES = Path(__file__).parent / "pages"
ARTICLES = ("courier_jsonld", "valley_opengraph", "wire_ap", "quayside_cp1252")


def page_bytes(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


@pytest.fixture(scope="module")
def extracted() -> dict[str, HtmlArticle]:
    return {name: read_html(page_bytes(name), f"{name}.html") for name in ARTICLES}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction must never fetch anything."""

    def refuse(*args, **kwargs):
        raise AssertionError("HTML extraction tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def zone_texts(article: HtmlArticle) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for zone in article.zones:
        out.setdefault(zone.kind, []).append(zone.span.text(article.text))
    return out


# --- detection and decoding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html>\n<html>",
        b"\n\n  <!doctype HTML><html lang=en>",
        b"\xef\xbb\xbf<!DOCTYPE html>",
        b"<html lang='en'><head>",
        b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
        b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">',
        b"<!-- saved from url=(0042) -->\n<!doctype html>",
        b"\xff\xfe" + "<!DOCTYPE html><html>".encode("utf-16-le"),
    ],
)
def test_html_looks_like_html(data: bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"Port Authority Approves Harbour Expansion\n\nBy Maria Lindqvist",
        b"Hello <html> is a tag name.",
        b"<htmlish>",
        b'{"text": "<html>"}',
        b"",
    ],
)
def test_html_looks_like_html_refuses_other_text(data: bytes) -> None:
    assert not looks_like_html(data)


def test_html_every_fixture_page_is_detected_by_content() -> None:
    for path in PAGES.glob("*.html"):
        assert looks_like_html(path.read_bytes()), path.name


def test_html_decoding_follows_the_declared_charset() -> None:
    data = page_bytes("quayside_cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert declared_charset(data) == "cp1252"
    text = decode_html(data)
    assert "Cork café owners win €2m appeal" in text
    assert "“This is a good day" in text and "two weeks’ notice — after" in text


def test_html_decoding_order() -> None:
    body = "<p>Café — “quoted”</p>"
    # No declaration: UTF-8 when valid, else windows-1252 (what browsers assume).
    assert decode_html(("<!doctype html>" + body).encode("utf-8")).endswith(body)
    assert decode_html(("<!doctype html>" + body).encode("cp1252")).endswith(body)
    # ISO-8859-1 is read as windows-1252, as HTML parsers do.
    latin = ('<meta charset="ISO-8859-1">' + body).encode("cp1252")
    assert decode_html(latin).endswith(body)
    # A byte-order mark wins over the declaration.
    marked = b"\xef\xbb\xbf" + ('<meta charset="windows-1252">' + body).encode("utf-8")
    assert decode_html(marked).endswith(body)
    # A declared charset the bytes do not fit: UTF-8 if they are UTF-8.
    wrong = ('<meta charset="shift_jis">' + body).encode("utf-8")
    assert decode_html(wrong).endswith(body)
    with pytest.raises(InputError, match="binary"):
        decode_html(b"<html>\x00\x00\x01")


# --- text and metadata ------------------------------------------------------------------------


def test_html_jsonld_page_keeps_the_body_and_drops_the_rest(extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["courier_jsonld"]
    text = article.text
    assert "Halifax Regional Council voted 11-4 on Tuesday" in text
    assert "Residents of Dartmouth have faced three boil-water advisories" in text
    assert "Mayor Andrea Whitcombe told reporters" in text
    for left_out in (
        "cookies",  # consent banner
        "Accept all",
        "Skip to main content",  # navigation
        "Subscribe",
        "Opinion",
        "Share on Facebook",  # share tools
        "Report an error",
        "Advertisement",  # in-body interruption
        "Related stories",  # related box
        "Marine Atlantic",
        "Gordon Mackintosh",
        "Comments",  # comments
        "Brenda Coolidge",
        "Bedford",
        "harbourwatcher",
        "Leave a comment",
        "Privacy policy",  # footer
        "Harbour Media Group",
        "Harbour Courier Media Inc",
    ):
        assert left_out not in text, left_out


def test_html_jsonld_page_metadata(extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["courier_jsonld"]
    assert article.headline == "Halifax council approves $40-million water treatment plant"
    assert article.authors == ["Maria Lindqvist", "Daniel Okafor"]
    assert article.published == "2021-03-03T17:42:00-04:00"  # the page's own value, its offset kept
    assert article.site_name == "The Harbour Courier"
    assert article.url == "https://www.harbourcourier.example/news/halifax/2021/03/03/council-approves-water-plant"


def test_html_text_layout(extracted: dict[str, HtmlArticle]) -> None:
    """Headline, byline, dateline, a blank line, the body in blank-line separated paragraphs,
    and the site's name as the last line."""
    lines = extracted["courier_jsonld"].text.split("\n")
    assert lines[:4] == [
        "Halifax council approves $40-million water treatment plant",
        "By Maria Lindqvist and Daniel Okafor",  # the page's own byline: it holds just the names
        "Published March 3, 2021",  # the page's own <time> text
        "",
    ]
    assert lines[4].startswith("Halifax Regional Council voted")
    assert lines[5] == ""
    assert lines[-3:] == ["", "The Harbour Courier", ""]
    body = [line for line in lines[4:-3] if line]
    assert len(body) == 5 and all(len(p) > 60 for p in body)


def test_html_opengraph_page_with_byline_in_the_body(extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["valley_opengraph"]
    assert article.headline == "Flooding closes Route 9 as Severn River rises"
    assert article.authors == ["Priya Raman"]
    assert article.published == "2023-06-14T09:30:00+01:00"
    assert article.site_name == "Valley Ledger"
    assert article.url == "https://valleyledger.example/2023/06/14/flooding-closes-route-9/"
    text = article.text
    assert text.startswith("Flooding closes Route 9 as Severn River rises\nBy Priya Raman\nJune 14, 2023\n\n")
    assert text.count("By Priya Raman") == 1  # the body's byline is not repeated
    assert "Governor Helen Marsh is expected to visit Carver Falls on Thursday." in text
    for left_out in (
        "Thursday, June 15, 2023",  # top bar
        "Obituaries",
        "News for the Severn Valley",
        "Share this",
        "covers public safety",  # author bio
        "School board passes",  # previous / next links
        "Walt Kessler",  # comments
        "Department of Transportation",
        "blankets",
        "Leave a Reply",
        "Jessup Mill",  # most read
        "Dana Whitfield",
        "Valley Ledger Publishing",  # footer
    ):
        assert left_out not in text, left_out


def test_html_wire_story(extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["wire_ap"]
    assert article.authors == ["Samir Aoun"]  # the JSON-LD Organization author is not a person
    assert article.published == "2022-08-04T14:05:11Z"
    assert article.site_name == "Tri-City Tribune"
    zones = zone_texts(article)
    assert zones["headline"] == ["Lebanon marks two years since Beirut port blast with no one held to account"]
    assert zones["byline"] == ["By Samir Aoun"]  # the page's "By SAMIR AOUN, Associated Press" is not only names
    assert zones["dateline"] == ["2022-08-04T14:05:11Z"]  # no <time>: the page's own value
    assert zones["caption"] == [
        "People walk past the damaged grain silos at the port of Beirut, Lebanon, Thursday, Aug. 4, 2022. "
        "(AP Photo/Jane Doe)"
    ]
    assert zones["body"][0].startswith("BEIRUT (AP) — Thousands of people marched")
    text = article.text
    assert text.index("(AP Photo/Jane Doe)") < text.index("BEIRUT (AP)")  # page order: lead photo first
    assert text.count(article.headline) == 1  # the <h1> that trafilatura keeps is not repeated
    for left_out in ("ADVERTISEMENT", "may not be published", "Copyright", "Recommended", "Muqtada",
                     "Drought", "74°F", "e-Edition", "400 Main St"):
        assert left_out not in text, left_out


def test_html_agencies_and_desks_are_not_authors() -> None:
    """Without JSON-LD, trafilatura reads "By SAMIR AOUN, Associated Press" as two authors: the
    agency is not a person. The names stay as the page writes them."""
    page = decode_html(page_bytes("wire_ap"))
    page = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    article = extract_html(page)
    assert article.authors == ["SAMIR AOUN"]
    assert zone_texts(article)["byline"] == ["By SAMIR AOUN"]
    staff = page.replace("By SAMIR AOUN, Associated Press", "By Tribune Staff")
    assert extract_html(staff).authors == []


def test_html_old_windows_1252_page(extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["quayside_cp1252"]
    assert article.headline == "Cork café owners win €2m appeal over outdoor seating"
    assert article.authors == ["Aoife Brennan"]
    assert article.published == "2020-11-21"  # <meta name="date">
    assert article.site_name == "The Quayside Post"  # from <title>: no publisher, no og:site_name
    assert article.url is None
    assert "“We were given two weeks’ notice — after thirty years of trading.”" in article.text
    assert "Bus Éireann" not in article.text and "Death Notices" not in article.text
    assert read_html(page_bytes("quayside_cp1252"), url="https://quayside.example/news/cafe.html").url == (
        "https://quayside.example/news/cafe.html"
    )


def test_html_a_page_of_links_has_no_article() -> None:
    with pytest.raises(InputError) as caught:
        read_html(page_bytes("section_index"), "tests/pages/section_index.html")
    message = str(caught.value)
    assert "\n" not in message
    assert message == "tests/pages/section_index.html holds no article text (only menus, links or lists)."


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n",
        "<!doctype html><html><head><title>Nothing</title></head><body></body></html>",
        "<!doctype html><html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer>© 2024 Example Media</footer></body></html>",
    ],
)
def test_html_pages_without_text_raise_input_error(page: str) -> None:
    with pytest.raises(InputError):
        extract_html(page)


# --- every part of the text is text of the page -------------------------------------------------


def page_strings(name: str) -> str:
    """The page's text and attribute values, entities resolved and white space collapsed."""
    raw = decode_html(page_bytes(name))
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", raw)) + " " + htmllib.unescape(raw))


@pytest.mark.parametrize("name", ARTICLES)
def test_html_fields_and_zones_are_spans_of_the_text(extracted: dict[str, HtmlArticle], name: str) -> None:
    article = extracted[name]
    text = article.text
    zones = zone_texts(article)
    assert text.startswith(article.headline + "\n")
    assert zones["headline"] == [article.headline]
    for author in article.authors:
        assert author in zones["byline"][0]
    if article.site_name:
        assert zones["copyright"] == [article.site_name]
        assert text.endswith("\n" + article.site_name + "\n")
    spans = [z.span for z in article.zones]
    assert spans == sorted(spans)
    assert all(a.end < b.start for a, b in zip(spans, spans[1:]))  # disjoint, separated by new lines
    # Nothing outside the zones but line ends.
    covered = set().union(*(range(s.start, s.end) for s in spans))
    assert {text[i] for i in range(len(text)) if i not in covered} == {"\n"}


@pytest.mark.parametrize("name", ARTICLES)
def test_html_every_line_is_text_of_the_page(extracted: dict[str, HtmlArticle], name: str) -> None:
    """Only the "By " and ", " of a byline may be our own words."""
    article = extracted[name]
    strings = page_strings(name)
    for zone in article.zones:
        piece = zone.span.text(article.text)
        if zone.kind == "byline":
            piece = piece.removeprefix("By ")
            for author in article.authors:
                assert author in strings
            if piece == ", ".join(article.authors):
                continue
        assert piece in strings, (zone.kind, piece)


@pytest.mark.parametrize("name", ARTICLES)
def test_html_plain_text_ingest_finds_the_same_parts(extracted: dict[str, HtmlArticle], name: str) -> None:
    """The layout is one that ``find_article`` reads: it finds every zone but the site's name."""
    article = extracted[name]
    expected = [z for z in article.zones if z.kind != "copyright"]
    assert find_article(article.text) == expected


# --- the page's structured data -----------------------------------------------------------------


def test_html_structured_metadata_fallbacks() -> None:
    import lxml.html

    def tree(name: str):
        return lxml.html.fromstring(decode_html(page_bytes(name)))

    courier = _json_ld(tree("courier_jsonld"))
    assert courier.headline == "Halifax council approves $40-million water treatment plant"
    assert courier.authors == ["Maria Lindqvist", "Daniel Okafor"]
    assert courier.published == "2021-03-03T17:42:00-04:00"
    assert courier.site_name == "The Harbour Courier"
    assert courier.url.endswith("/2021/03/03/council-approves-water-plant")  # mainEntityOfPage @id
    wire = _json_ld(tree("wire_ap"))
    assert wire.authors == ["Samir Aoun"]
    assert wire.url == "https://www.tricitytribune.example/world/2022/08/04/lebanon-beirut-port-blast-anniversary/"
    valley = _meta_tags(tree("valley_opengraph"))
    assert (valley.headline, valley.authors, valley.published, valley.site_name) == (
        "Flooding closes Route 9 as Severn River rises", ["Priya Raman"], "2023-06-14T09:30:00+01:00", "Valley Ledger",
    )
    quayside = _meta_tags(tree("quayside_cp1252"))
    assert quayside.headline == "Cork café owners win €2m appeal over outdoor seating — The Quayside Post"  # <title>
    assert (quayside.authors, quayside.published) == (["Aoife Brennan"], "2020-11-21")
    assert _json_ld(tree("valley_opengraph")).headline is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-03T17:42:00-04:00", "2021-03-03T17:42:00-04:00"),  # as written: offset kept
        ("2022-08-04T14:05:11Z", "2022-08-04T14:05:11Z"),
        ("2021-03-03T17:42:00.000+0000", "2021-03-03T17:42:00+00:00"),  # made a valid xsd:dateTime
        ("2021-03-03 17:42", "2021-03-03T17:42:00"),
        ("2021-03-03", "2021-03-03"),
        ("Wed, 03 Mar 2021 10:00:00 GMT", "2021-03-03"),
        ("2021-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_html_publication_dates(value: str | None, expected: str | None) -> None:
    assert _iso(value) == expected


def test_html_metadata_only_in_the_page_markup() -> None:
    """A page whose only metadata is JSON-LD in odd shapes: a string author, a list of types,
    a relative URL; a <time> in the comments is not the article's."""
    page = """<!doctype html><html><head><title>x</title>
    <script type="application/ld+json">[{"@context":"https://schema.org","@type":["NewsArticle","Article"],
      "headline":"Dam  operator fined over\\n fish kill","author":"By Lena Fischer",
      "datePublished":"2019-07-02","publisher":[{"@type":"Organization","name":"Rhine Valley Post"}],
      "url":"/2019/07/02/dam-fine"}]</script></head><body>
    <article><h1>Dam operator fined over fish kill</h1>
    <p>A regional court in Koblenz fined the operator of the Lahn dam 250,000 euros on Tuesday for a fish kill that
    left thousands of dead eels along a 3-kilometre stretch of the river last summer.</p>
    <p>The company said it would appeal the ruling, the court said.</p></article>
    <section class="comments"><p>Great story <time datetime="2019-07-02">July 2, 2019</time></p></section>
    </body></html>"""
    article = extract_html(page, url="https://rhinevalleypost.example/news/")
    assert article.headline == "Dam operator fined over fish kill"
    assert article.authors == ["Lena Fischer"]
    assert article.published == "2019-07-02"
    assert article.site_name == "Rhine Valley Post"
    assert article.url == "https://rhinevalleypost.example/2019/07/02/dam-fine"
    assert article.text.split("\n")[:3] == ["Dam operator fined over fish kill", "By Lena Fischer", "2019-07-02"]
    assert "Great story" not in article.text


# --- the pipeline on the extracted text ---------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from graph.nlp import load_model

    return load_model()


def analysed(nlp, article: HtmlArticle, name: str):
    from graph.pipeline import analyse_one

    return analyse_one(nlp, RawArticle(id=name, text=article.text, source=f"{name}.html", url=article.url))


def labels(doc) -> set[str]:
    return {name for e in doc.entities for name in e.names}


def mentioned(doc) -> str:
    return " ".join(m.text(doc.text) for e in doc.entities for m in e.mentions)


@pytest.mark.slow
def test_html_pipeline_on_the_jsonld_page(nlp, extracted: dict[str, HtmlArticle]) -> None:
    article = extracted["courier_jsonld"]
    doc = analysed(nlp, article, "courier")
    meta, text = doc.metadata, doc.text
    assert meta.headline.text(text) == article.headline
    assert [a.text(text) for a in meta.authors] == ["Maria Lindqvist", "Daniel Okafor"]
    assert meta.published.value.value == "2021-03-03"
    assert doc.url == article.url
    people = {e.label for e in doc.entities if e.kind == "Person"}
    assert {"Maria Lindqvist", "Daniel Okafor", "Andrea Whitcombe", "Peter Lindgren", "Colin Baird"} <= people
    assert {"Halifax Regional Council", "Halifax Water", "Dartmouth", "Nova Scotia"} <= labels(doc)
    for other in ("Brenda Coolidge", "Marine Atlantic", "Gordon Mackintosh", "Bedford", "Sydney", "Harbour Media"):
        assert other not in mentioned(doc)


@pytest.mark.slow
def test_html_pipeline_on_the_opengraph_page(nlp, extracted: dict[str, HtmlArticle]) -> None:
    doc = analysed(nlp, extracted["valley_opengraph"], "valley")
    meta, text = doc.metadata, doc.text
    assert meta.headline.text(text) == "Flooding closes Route 9 as Severn River rises"
    assert [a.text(text) for a in meta.authors] == ["Priya Raman"]
    assert meta.published.value.value == "2023-06-14"
    assert {"Priya Raman", "Tom Okonkwo", "Helen Marsh"} <= {e.label for e in doc.entities if e.kind == "Person"}
    assert {"National Weather Service", "American Red Cross", "Harlan County"} <= labels(doc)
    for other in ("Walt Kessler", "Linda Ferreira", "Department of Transportation", "Dana Whitfield", "Jessup", "Oakdale"):
        assert other not in mentioned(doc)


@pytest.mark.slow
def test_html_pipeline_on_the_wire_story(nlp, extracted: dict[str, HtmlArticle]) -> None:
    doc = analysed(nlp, extracted["wire_ap"], "wire")
    meta, text = doc.metadata, doc.text
    assert [a.text(text) for a in meta.authors] == ["Samir Aoun"]
    assert meta.published.value.value == "2022-08-04"
    assert [c.text(text)[-19:] for c in meta.captions] == ["(AP Photo/Jane Doe)"]
    credits = {(c.agency, c.text) for c in meta.credits}
    assert ("Associated Press", "AP Photo/Jane Doe") in credits  # the photo credit of the caption
    assert ("Associated Press", "AP") in credits  # "BEIRUT (AP) —"
    assert {"Karim Mansour", "Rima Khoury"} <= {e.label for e in doc.entities if e.kind == "Person"}
    assert {"Beirut", "Lebanon", "World Bank", "United Nations"} <= labels(doc)
    for other in ("Muqtada", "Syria", "Baghdad", "Tri-City"):
        assert other not in mentioned(doc)


@pytest.mark.slow
def test_html_pipeline_on_the_windows_1252_page(nlp, extracted: dict[str, HtmlArticle]) -> None:
    doc = analysed(nlp, extracted["quayside_cp1252"], "quayside")
    meta, text = doc.metadata, doc.text
    assert meta.headline.text(text) == "Cork café owners win €2m appeal over outdoor seating"
    assert [a.text(text) for a in meta.authors] == ["Aoife Brennan"]
    assert meta.published.value.value == "2020-11-21"
    assert {"Declan Hegarty", "Nuala Cregan"} <= {e.label for e in doc.entities if e.kind == "Person"}
    assert {"Cork City Council", "Dublin"} <= labels(doc)
    assert "Macroom" not in mentioned(doc) and "Mercy" not in mentioned(doc)


@pytest.mark.slow
def test_html_pipeline_with_the_articles_own_zones(nlp, extracted: dict[str, HtmlArticle], monkeypatch) -> None:
    """Given ``HtmlArticle.zones`` instead of ``find_article``'s guess, the site's name becomes the
    publisher (an Organization with a mention on the last line)."""
    import graph.pipeline

    article = extracted["courier_jsonld"]
    monkeypatch.setattr(graph.pipeline, "find_article", lambda text: list(article.zones))
    doc = analysed(nlp, article, "courier")
    publisher = doc.metadata.publisher
    assert publisher is not None and publisher.text(doc.text) == "The Harbour Courier"
    orgs = [e for e in doc.entities if e.kind == "Organization" and e.label == "The Harbour Courier"]
    assert len(orgs) == 1 and orgs[0].mentions == [publisher]
    assert [a.text(doc.text) for a in doc.metadata.authors] == ["Maria Lindqvist", "Daniel Okafor"]
