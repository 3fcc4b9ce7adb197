"""HTML pages: the article's text and what the page says about it (headline, authors, date, site).

The main text comes from trafilatura (https://trafilatura.readthedocs.io), run offline on the
page's markup (it never fetches anything), tuned for precision: no comments, no tables, no
lists of links. The metadata comes from trafilatura (which reads JSON-LD and meta tags itself,
then the page's visible byline, ``<h1>`` and dates) and from the page's own structured data:
JSON-LD (``NewsArticle`` and its kin), OpenGraph (``og:*``, ``article:*``), ``<meta name=...>``
tags and ``<title>``. Headline and authors: trafilatura first (it cleans titles and bylines),
then JSON-LD, then meta tags; authors are people only ("Associated Press", "Staff" are left
out). Date, publisher and URL: the page's structured values first, as written (a full ISO
datetime keeps its offset), then trafilatura's.

The extracted ``text`` is what the rest of the pipeline analyses and what becomes the NIF
context of the article, so its layout is the one the plain-text ingest (``page.py``) already
understands::

    Halifax council approves $40-million water treatment plant     ← headline
    By Maria Lindqvist and Daniel Okafor                           ← byline
    Published March 3, 2021                                        ← dateline
                                                                   ← blank line
    People walk past ... (AP Photo/Jane Doe)                       ← figure captions, in page order
                                                                   ← blank line between blocks
    Halifax Regional Council voted 11-4 on Tuesday ...             ← body paragraphs
    ...
                                                                   ← blank line
    The Harbour Courier                                            ← the publisher / site name

Every line is text of the page (white space collapsed), visible or in its markup. The byline
is the page's own when it shows one made of just the names ("By Maria Lindqvist and Daniel
Okafor"); else it is written as "By " + the names joined by ", " (those two are the only words
that may be ours). The dateline is a ``<time>`` of the article showing the publication day
("Published March 3, 2021"), else the page's own date value as written in its JSON-LD or meta
tags ("2022-08-04T14:05:11Z", which the pipeline's date parser reads too).

Left out of ``text``: the page's rights notices ("Copyright 2022 The Associated Press. All
rights reserved. ..."), in-body interruptions ("Advertisement") and a repeat of the headline
at the top of the body. Figure captions (``<figcaption>`` inside the article) are kept, as
trafilatura drops them: they carry photo credits such as "(AP Photo/Jane Doe)".

``HtmlArticle.zones`` gives the exact span of every part of ``text`` (the same ``Zone`` kinds
``page.find_article`` returns), so the pipeline need not guess them; the last line, the site's
name, is a zone of kind "copyright" (the publisher) and is found only through these zones.

Decoding (``decode_html``): a page's bytes are decoded as the page declares (byte-order mark,
then ``<meta charset>`` / ``http-equiv`` / XML declaration in the first 1024 bytes, as HTML
parsers do), else as UTF-8, else as windows-1252. Unlike a plain-text input, the offsets of an
HTML article refer to the extracted text, not to the file, so decoding by the declared charset
loses nothing.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..errors import InputError
from ..model import Span, Zone
from .page import (
    BYLINE_ROLES,
    COMMENTS,
    COPYRIGHT,
    INTERRUPTION,
    LIST_HEADING,
    META_NOISE,
    PROMO,
    Line,
    is_prose,
)

HTML_SUFFIXES = (".html", ".htm")

# schema.org types of a news page's main item (https://schema.org/NewsArticle and kin).
ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle "
    "ReviewNewsArticle BackgroundNewsArticle AskPublicQuestionNewsArticle LiveBlogPosting "
    "BlogPosting SocialMediaPosting Report ScholarlyArticle TechArticle".split()
)
ORGANIZATION_TYPES = frozenset(
    "Organization NewsMediaOrganization Corporation GovernmentOrganization NGO "
    "EducationalOrganization MediaOrganization".split()
)
# <meta name=...> tags that give the publication date, most specific first.
DATE_META_NAMES = (
    "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
)
# Containers that are not the article: their bylines, dates and captions are not the article's.
# (a class, id or role word that starts with one of these, or has one after a "-" or "_").
NOT_ARTICLE = re.compile(
    r"(?:^|[\s_-])(?:comment|related|recommend|most-?read|popular|trending|sidebar|widget|promo|"
    r"newsletter|cookie|consent|share|social|nav|menu|footer|teaser|respond)",
    re.I,
)
NOT_ARTICLE_TAGS = frozenset({"aside", "nav", "footer", "form"})

_DOCTYPE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
# Labels that HTML parsers read as windows-1252 (WHATWG Encoding Standard).
_WINDOWS_1252_LABELS = frozenset({"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_XSD_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$")
_SPACE = re.compile(r"\s+")
_BY = re.compile(r"^by\s+", re.I)
_NOT_PEOPLE = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:staff(?:\s+(?:writer|reporter|report)s?)?|editors?|editorial(?:\s+board)?|"
    r"wires?(?:\s+(?:services?|reports?))?|news\s*desk|newsroom|agenc(?:y|ies)|reports?|admin)$"
    rf"|^(?:[\w&'’.-]+\s+){{0,3}}(?:{BYLINE_ROLES})$",
    re.I,
)
_LINE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class HtmlArticle:
    """One HTML page's article: the text to analyse and the page's own metadata."""

    text: str  # the extracted text that becomes the NIF context (exact, analysed as is)
    headline: str | None
    authors: list[str]  # people only: organisations named as authors are left out
    published: str | None  # ISO date "YYYY-MM-DD" or ISO datetime, as the page gives it
    site_name: str | None  # the publisher (JSON-LD publisher.name) or site (og:site_name)
    url: str | None  # the page's canonical URL, else the one passed in
    zones: tuple[Zone, ...] = field(default=(), compare=False)  # the parts of ``text``


# --- detecting and decoding ---------------------------------------------------------------------


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start (after a BOM, white space, an XML declaration or comments) with
    ``<!doctype html`` or ``<html``."""
    head = data[:4096]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, "ignore").encode("utf-8")
            break
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return _DOCTYPE.match(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset the page declares in its first 1024 bytes, if known."""
    match = _META_CHARSET.search(data[:1024])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that says UTF-16 in an ASCII-compatible <meta> is not UTF-16 (HTML parsers agree).
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def decode_html(data: bytes, where: str = "The HTML page") -> str:
    """The page's text: by its byte-order mark, else its declared charset, else UTF-8, else
    windows-1252 (undecodable bytes of a declared charset become U+FFFD)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{where} is not valid {encoding.upper()} (byte {exc.start + len(bom)}).") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{where} is a binary file, not an HTML page.")
    declared = declared_charset(data)
    for encoding in dict.fromkeys(e for e in (declared, "utf-8") if e):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(declared or "cp1252", errors="replace")


# --- the page's own metadata ----------------------------------------------------------------------


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    out = _SPACE.sub(" ", value).strip()
    return out or None


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _json_items(value: object) -> Iterator[dict]:
    """Every object of a JSON-LD document, depth first (``@graph`` and nested lists included)."""
    if isinstance(value, list):
        for item in value:
            yield from _json_items(item)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                yield from _json_items(value[key])


def _names(value: object, people_only: bool) -> list[str]:
    """Names of a JSON-LD author/publisher value: a string, an object, or a list of them."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            name = _clean(item)
        elif isinstance(item, dict):
            if people_only and _types(item) & ORGANIZATION_TYPES:
                continue
            name = _clean(item.get("name"))
        else:
            name = None
        if name and not name.startswith(("http://", "https://")):
            out.append(_BY.sub("", name))
    return out


@dataclass
class _PageMeta:
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_as_written: str | None = None  # the page's own string of that date
    site_name: str | None = None
    url: str | None = None


def _json_ld(tree) -> _PageMeta:
    meta = _PageMeta()
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        raw = re.sub(r"^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$", "", raw).strip()
        try:
            document = json.loads(raw)
        except ValueError:
            continue
        for item in _json_items(document):
            if not _types(item) & ARTICLE_TYPES:
                continue
            meta.headline = meta.headline or _clean(item.get("headline")) or _clean(item.get("name"))
            meta.authors = meta.authors or _names(item.get("author"), people_only=True)
            if meta.published is None and _iso(item.get("datePublished")):
                meta.published = _iso(item.get("datePublished"))
                meta.published_as_written = _clean(item.get("datePublished"))
            publisher = _names(item.get("publisher"), people_only=False)
            meta.site_name = meta.site_name or (publisher[0] if publisher else None)
            page = item.get("mainEntityOfPage")
            if isinstance(page, dict):
                page = page.get("@id") or page.get("url")
            meta.url = meta.url or _clean(item.get("url")) or _clean(page)
    return meta


def _meta_tags(tree) -> _PageMeta:
    tags: dict[str, list[str]] = {}
    for element in tree.xpath("//meta[@content]"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = _clean(element.get("content"))
        if key and value:
            tags.setdefault(key, []).append(value)

    def first(*keys: str) -> str | None:
        return next((tags[k][0] for k in keys if k in tags), None)

    authors = [a for a in tags.get("article:author", []) + tags.get("author", []) if "://" not in a]
    title = None
    titles = tree.xpath("//title")
    if titles:
        title = _clean(titles[0].text_content())
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    written = next((first(k) for k in DATE_META_NAMES if _iso(first(k))), None)
    return _PageMeta(
        headline=first("og:title", "twitter:title") or title,
        authors=list(dict.fromkeys(_BY.sub("", a) for a in authors)),
        published=_iso(written),
        published_as_written=written,
        site_name=first("og:site_name", "application-name") or _title_site(title),
        url=first("og:url") or (_clean(canonical[0]) if canonical else None),
    )


_STANDFIRST = re.compile(r"standfirst|\bdek\b|subtitle|sub-?head|strapline|\blede\b|summary|description", re.I)


def _standfirst(tree, body: list[str], headline: str | None) -> str | None:
    """The summary under the headline that trafilatura leaves out: the first element marked as
    such (``class="standfirst"``, "dek", "subtitle", "strapline", ...) in the article, when its
    text is not in the body already."""
    keys = {_key(p) for p in body} | {_key(headline or "")}
    seen_headline = False
    for element in tree.iter("h1", "p", "h2", "div", "span"):
        if element.tag == "h1":
            seen_headline = True  # under the headline only: not a site's tagline above it
            continue
        if not seen_headline:
            continue
        marks = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("itemprop"))))
        if not marks or not _STANDFIRST.search(marks) or _outside_article(element):
            continue
        text = _text_of(element)
        if 5 <= len(text.split()) <= 60 and _key(text) not in keys and not COPYRIGHT.match(text):
            return text
    return None


_PULL_QUOTE = re.compile(r"pull-?quote|pull_quote|quote-?pull", re.I)


def _pull_quotes(tree) -> set[str]:
    """The texts of the page's pull quotes (``class="pullquote"`` and the like)."""
    return {_key(_text_of(e)) for e in tree.iter() if isinstance(e.tag, str)
            and _PULL_QUOTE.search(" ".join(filter(None, (e.get("class"), e.get("id")))))}


def _microdata_authors(tree) -> list[str]:
    """The names of ``itemprop="author"`` items (schema.org microdata), outside comments and
    related boxes."""
    out = []
    for element in tree.xpath('//*[@itemprop="author"]'):
        if _outside_article(element):
            continue
        names = element.xpath('.//*[@itemprop="name"]') or [element]
        value = _item_value(names[0])
        if value:
            out.append(value)
    return list(dict.fromkeys(out))


def _microdata_publisher(tree) -> str | None:
    """``itemprop="publisher"`` with its ``itemprop="name"`` (schema.org microdata)."""
    for element in tree.xpath('//*[@itemprop="publisher"]'):
        for name in element.xpath('.//*[@itemprop="name"]'):
            value = _item_value(name)
            if value:
                return value
        value = _clean(element.get("content"))
        if value:
            return value
    return None


def _item_value(element) -> str | None:
    """A microdata property's value: its ``content`` attribute, else its text."""
    return _clean(element.get("content")) or _clean(element.text_content())


def _footer_holder(tree) -> str | None:
    """The copyright holder of the page's footer line: "© Lothian Gazette Ltd 2026. Registered
    in Scotland." → "Lothian Gazette Ltd"."""
    from ..metadata import organisation_of_copyright

    for element in tree.xpath("//footer|//*[contains(@id, 'footer') or contains(@class, 'footer')]"):
        found = re.search(r"(?:©|\(c\)|\bcopyright\b).*", _SPACE.sub(" ", element.text_content()), re.I)
        if found:
            text = found.group().strip()
            holder = organisation_of_copyright(text, Span(0, len(text)))
            if holder is not None:
                return holder.text(text)
    return None


def _title_site(title: str | None) -> str | None:
    """The site's name at the end of a page title: "Glacier lost 4% of its ice - Alpine Post"."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title)
    name = parts[-1].strip() if len(parts) > 1 else ""
    words = name.split()
    return name if 1 <= len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words) else None


def _iso(value: object) -> str | None:
    """An ISO date or datetime as the page wrote it; other date forms as "YYYY-MM-DD"."""
    text = _clean(value)
    if text is None:
        return None
    if _ISO_DATE.match(text):
        try:
            stamp = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        # As written when it is a valid xsd:date / xsd:dateTime, else in that form.
        return text if len(text) == 10 or _XSD_DATETIME.match(text) else stamp.isoformat()
    from ..dates import parse_date

    parsed = parse_date(text)
    return parsed.value if parsed is not None else None


# --- the article's parts in the page ------------------------------------------------------------


def _outside_article(element) -> bool:
    """Whether an element sits in a comment section, related box, menu, footer or the like."""
    for node in element.iterancestors():
        if node.tag in ("body", "html"):
            break
        if node.tag in NOT_ARTICLE_TAGS:
            return True
        marks = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("role"))))
        if marks and NOT_ARTICLE.search(marks):
            return True
    return False


def _text_of(element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _visible_byline(tree, authors: list[str]) -> str | None:
    """A byline of the page made of exactly the authors' names: "By Jane Doe and John Roe"."""
    wanted = [a.lower() for a in authors]
    candidates = tree.xpath(
        '//*[contains(translate(@class, "BYLINEAUTHOR", "bylineauthor"), "byline")'
        ' or contains(translate(@class, "BYLINEAUTHOR", "bylineauthor"), "author")'
        ' or @rel="author" or @itemprop="author"]'
    )
    for element in candidates:
        text = _text_of(element)
        if not _BY.match(text) or len(text.split()) > 16 or _outside_article(element):
            continue
        rest = _BY.sub("", text).lower()
        if not all(name in rest for name in wanted):
            continue
        for name in wanted:
            rest = rest.replace(name, " ")
        if not re.sub(r"[\s,&]|\band\b", "", rest):
            return text
    return None


_UPDATED = re.compile(r"updat|modif|edit", re.I)


def _published_time(tree) -> str | None:
    """The first ``<time datetime>`` of the article that is not an update ("Updated <time>",
    ``class="updated"``): trafilatura takes the latest date on the page, which is often the
    last update."""
    for element in tree.xpath("//time[@datetime]"):
        stamp = _iso(element.get("datetime"))
        if stamp is None or _outside_article(element) or _UPDATED.search(element.get("class") or ""):
            continue
        previous = element.getprevious()
        before = (previous.tail if previous is not None else element.getparent().text) or ""
        if _UPDATED.search(before[-20:]):
            continue
        return stamp
    return None


def _visible_date(tree, published: str) -> str | None:
    """The text of a ``<time>`` element of the article showing the publication day."""
    from ..dates import parse_date

    day = published[:10]
    for element in tree.xpath("//time[@datetime]"):
        stamp = _iso(element.get("datetime"))
        text = _text_of(element)
        if stamp is None or stamp[:10] != day or not text or len(text.split()) > 10:
            continue
        if _outside_article(element):
            continue
        value = parse_date(text)
        if value is not None and value.value == day:
            return text
    return None


def _dateline(tree, published: str, as_written: str | None) -> str:
    """The publication date as the page writes it: a ``<time>`` of the article showing that day
    ("Published March 3, 2021"), else the page's own value ("2021-03-03T17:42:00-04:00"), else
    (a date only trafilatura found) the ISO day."""
    from ..dates import parse_date

    shown = _visible_date(tree, published)
    if shown is not None:
        return shown
    value = parse_date(as_written) if as_written else None
    if as_written and value is not None and value.value == published[:10]:
        return as_written
    return published[:10]


def _captions(tree, body: list[str]) -> list[tuple[int, str]]:
    """Figure captions of the article, each with the index of the body paragraph it precedes."""
    keys = [_key(p) for p in body]
    paragraphs: list[tuple[object, int]] = []
    for element in tree.iter("p", "li", "h2", "h3", "h4", "blockquote", "div"):
        key = _key(_text_of(element)) if len(element) == 0 or element.tag == "p" else ""
        if key and key in keys:
            paragraphs.append((element, keys.index(key)))
    if not paragraphs:
        return []
    first = paragraphs[0][0]
    # The article: the <article> element around the first paragraph, else the nearest element
    # that holds both the first paragraph and the page's <h1>, else the paragraph's parent.
    container = next((a for a in first.iterancestors() if a.tag == "article"), None)
    if container is None:
        container = first.getparent()
        h1 = tree.xpath("//h1")
        if h1:
            holder = next((a for a in h1[0].iterancestors() if first in a.iterdescendants()), None)
            if holder is not None and holder.tag not in ("body", "html"):
                container = holder
    order = {element: n for n, element in enumerate(tree.iter())}
    out: list[tuple[int, str]] = []
    for caption in container.iter("figcaption"):
        text = _text_of(caption)
        if not text or _outside_article(caption) or _key(text) in keys:
            continue
        position = order[caption]
        before = next((index for element, index in paragraphs if order[element] > position), len(body))
        out.append((before, text))
    return out


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


# --- extraction -----------------------------------------------------------------------------------


def _trafilatura(html: str, url: str | None, where: str):
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("Reading HTML pages needs trafilatura: pip install trafilatura.") from None
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # a third-party parser on any page: no traceback for a bad page
        reason = _SPACE.sub(" ", f"{type(exc).__name__}: {exc}").strip()
        raise InputError(f"{where} cannot be read as HTML ({reason}).") from None


def _inline_text(element) -> str:
    """An element's text with its line breaks (``<lb/>``) as new lines; nested lists left out."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append("\n")
        elif child.tag not in ("list", "graphic", "table"):
            pieces.append(_inline_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _lines_of_block(text: str) -> list[str]:
    """A block's lines: a line break ends a line only after a sentence (or an empty line); one
    inside a sentence ("a line<br>break") is layout and becomes a space."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and line.strip() and out[-1].strip() and not _LINE_END.search(out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return out


def _block_lines(element) -> Iterator[str]:
    """The lines of trafilatura's XML body, one per paragraph, heading, list item or line break
    (list items without the "- " that trafilatura's plain-text output puts before them)."""
    for child in element:
        if child.tag in ("graphic", "table", "lb"):
            continue
        blocks = [c for c in child if c.tag in ("p", "head", "list", "item", "quote", "div", "table")]
        if child.tag in ("list", "quote", "div") and blocks:
            yield from _block_lines(child)
            continue
        yield from _lines_of_block(_inline_text(child))
        if child.tag == "item":
            for nested in child.iter("list"):
                yield from _block_lines(nested)
                break


# A heading over other articles' teasers: LIST_HEADING, or "More from <section>" / "More on <topic>".
_OTHER_ARTICLES = re.compile(rf"{LIST_HEADING.pattern}|^more (?:from|on|in) [\w&' -]{{1,40}}$", re.I)


def _body_paragraphs(result, headline: str | None) -> list[str]:
    body = getattr(result, "body", None)
    if body is not None and len(body):
        raw = list(_block_lines(body))
    else:
        raw = (getattr(result, "text", None) or "").splitlines()
    lines = [_SPACE.sub(" ", line).strip() for line in raw]
    out: list[str] = []
    for line in lines:
        if out and (_OTHER_ARTICLES.match(line) or COMMENTS.match(line)):
            break  # "More from Science", "Read next", "2 Comments": the rest is not this article
        if not line or INTERRUPTION.match(line) or COPYRIGHT.match(line) or PROMO.match(line) or \
                META_NOISE.match(line):
            continue
        if headline and _key(line) == _key(headline) and len(out) <= 1:
            out.clear()  # the headline repeated at the top of the body, after a kicker ("Climate") maybe
            continue
        out.append(line)
    return out


def _people(names: list[str]) -> list[str]:
    """The names that may be people's: not a known organisation ("Associated Press", "CNN") nor
    a desk ("Staff", "Wire reports")."""
    from ..gazetteer import lookup

    out = []
    for name in names:
        if lookup(name) is None and not _NOT_PEOPLE.match(name):
            out.append(name)
    return list(dict.fromkeys(out))


def _has_prose(paragraphs: list[str]) -> bool:
    return any(is_prose(Line(0, Span(0, len(p)), p)) for p in paragraphs)


def extract_html(html: str, url: str | None = None, *, where: str = "The HTML page") -> HtmlArticle:
    """The article of an HTML page: its text laid out for the pipeline, and its metadata.

    Raises ``InputError`` when the page holds no article text (a list of links, a menu, an
    empty page).
    """
    import lxml.html
    from lxml.etree import ParserError

    if not html.strip():
        raise InputError(f"{where} is empty: there is no text to build a graph from.")
    try:
        # A str with an XML declaration naming an encoding is refused by lxml: drop it.
        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (ParserError, ValueError):
        raise InputError(f"{where} cannot be parsed as HTML.") from None
    result = _trafilatura(html, url, where)
    structured, tags = _json_ld(tree), _meta_tags(tree)

    headline = _clean(getattr(result, "title", None)) or structured.headline or tags.headline
    body = _body_paragraphs(result, headline) if result is not None else []
    pulled = _pull_quotes(tree)
    body = [p for p in body if _key(p) not in pulled]  # a pull quote repeats a line of the text
    if not _has_prose(body):
        raise InputError(f"{where} holds no article text (only menus, links or lists).")

    found = _clean(getattr(result, "author", None))
    authors = [_BY.sub("", a).strip() for a in found.split(";")] if found else []
    authors = _people(authors) or _people(structured.authors) or _people(tags.authors)
    marked = _people(_microdata_authors(tree))
    if len(marked) > len(authors) and set(authors) <= set(marked):
        authors = marked  # trafilatura kept the first of "<Person> and <Person>"
    source = structured if structured.published else tags
    published = source.published or _published_time(tree) or _iso(getattr(result, "date", None))
    site_name = (structured.site_name or _clean(getattr(result, "sitename", None)) or tags.site_name
                 or _microdata_publisher(tree) or _footer_holder(tree))
    # trafilatura falls back to the URL it was given: the page's own URLs come first.
    page_url = structured.url or tags.url or _clean(getattr(result, "url", None))
    if page_url is not None:
        page_url = urljoin(url or "", page_url)
    if not (page_url and re.match(r"https?://", page_url)):
        page_url = url

    byline = (_visible_byline(tree, authors) or "By " + ", ".join(authors)) if authors else None
    dateline = _dateline(tree, published, source.published_as_written) if published else None
    blocks: list[tuple[str, str]] = []
    captions = _captions(tree, body)
    for index, paragraph in enumerate(body):
        blocks += [("caption", text) for before, text in captions if before == index]
        blocks.append(("body", paragraph))
    blocks += [("caption", text) for before, text in captions if before == len(body)]

    parts: list[str] = []
    zones: list[Zone] = []
    position = 0

    def put(kind: str | None, piece: str) -> None:
        nonlocal position
        if kind is not None:
            zones.append(Zone(kind, Span(position, position + len(piece))))  # type: ignore[arg-type]
        parts.append(piece)
        position += len(piece)

    standfirst = _standfirst(tree, body, headline)
    header = [(k, v) for k, v in (("headline", headline), ("standfirst", standfirst), ("byline", byline),
                                  ("dateline", dateline)) if v]
    for kind, value in header:
        put(kind, value)
        put(None, "\n")
    for n, (kind, value) in enumerate(blocks):
        put(None, "\n" if n or header else "")
        put(kind, value)
        put(None, "\n")
    if site_name:
        put(None, "\n")
        put("copyright", site_name)
        put(None, "\n")
    return HtmlArticle(
        text="".join(parts),
        headline=headline,
        authors=authors,
        published=published,
        site_name=site_name,
        url=page_url,
        zones=tuple(zones),
    )


def read_html(data: bytes, where: str = "The HTML page", url: str | None = None) -> HtmlArticle:
    """``extract_html`` of a page's bytes, decoded by ``decode_html``."""
    return extract_html(decode_html(data, where), url, where=where)
