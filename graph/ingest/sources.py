"""Read inputs as exact text: files, folders of ``.txt`` files, JSONL dumps, or a string."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GraphError, InputError
from .html import HTML_SUFFIXES, HtmlArticle, looks_like_html, read_html

TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)


@dataclass(frozen=True)
class RawArticle:
    """One article's exact text and where it came from."""

    id: str
    text: str
    source: str
    url: str | None = None
    html: HtmlArticle | None = None  # for an HTML page: its metadata and the zones of ``text``


def slug(text: str, limit: int = 80) -> str:
    """An IRI-safe, lower-case, hyphenated form of ``text`` (empty input gives "x")."""
    out = re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")
    return out[:limit].rstrip("-") or "x"


def text_id(text: str) -> str:
    return "t" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _check_text(text: str, where: str) -> str:
    if not text.strip():
        raise InputError(f"{where} is empty: there is no text to build a graph from.")
    return text


def decode(data: bytes, where: str) -> str:
    """UTF-8 text exactly as stored (line ends and any BOM kept, so offsets fit the file)."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{where} is a binary file, not UTF-8 text.")
    try:
        return _check_text(data.decode("utf-8"), where)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first."
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from None


Loader = Callable[[], RawArticle]


def _jsonl_loaders(path: Path) -> Iterator[tuple[str, Loader]]:
    try:
        text = decode(_read_bytes(path), str(path))
    except InputError as exc:
        yield str(path), _failing(exc)
        return
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            found = True
            where = f"{path} line {number}"
            yield where, functools.partial(_jsonl_record, line, where, f"{slug(path.stem)}-{number}")
    if not found:
        yield str(path), _failing(InputError(f"{path} holds no articles (no non-empty JSON lines)."))


def _jsonl_record(line: str, where: str, default_id: str) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where} is not valid JSON ({exc.msg}).") from None
    if not isinstance(record, dict) or not isinstance(record.get("text", record.get("html")), str):
        raise InputError(f"{where} has no \"text\" (or \"html\") string field.")
    ident = record.get("id")
    url = record.get("url")
    url = url if isinstance(url, str) and url else None
    ident = slug(str(ident)) if ident not in (None, "") else default_id
    if isinstance(record.get("html"), str):
        return article_from_html(record["html"].encode("utf-8"), ident, where, url)
    return RawArticle(id=ident, text=_check_text(record["text"], where), source=where, url=url)


def _failing(exc: InputError) -> Loader:
    def load() -> RawArticle:
        raise exc

    return load


def _read_file(path: Path, ident: str) -> RawArticle:
    data = _read_bytes(path)
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(data):
        return article_from_html(data, ident, str(path))
    return RawArticle(id=ident, text=decode(data, str(path)), source=str(path))


def article_from_html(data: bytes, ident: str, source: str, url: str | None = None) -> RawArticle:
    """An HTML page: the NIF context is the extracted text (ALIGNMENT §7)."""
    page = read_html(data, source, url)
    return RawArticle(id=ident, text=page.text, source=source, url=page.url or url, html=page)


def _read_stdin() -> RawArticle:
    data = sys.stdin.buffer.read()
    text = decode(data, "Standard input")
    return RawArticle(id=text_id(text), text=text, source="<stdin>")


def _loaders(item: str) -> Iterator[tuple[str, Loader]]:
    """(source name, loader) for every article an input names; errors surface when loading."""
    if item == "-":
        yield "<stdin>", _read_stdin
        return
    if re.match(r"https?://", item, re.I):
        from .fetch import fetch_url

        yield item, functools.partial(fetch_url, item)
        return
    path = Path(item)
    if not path.exists():
        yield item, _failing(InputError(f"No such file or folder: {path}."))
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            yield item, _failing(InputError(
                f"The folder {path} holds no articles (no .txt, .html or .htm files inside)."))
        for f in files:
            yield str(f), functools.partial(_read_file, f, slug(str(f.relative_to(path).with_suffix(""))))
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_loaders(path)
    else:
        yield str(path), functools.partial(_read_file, path, slug(path.stem))


def read_inputs(items: Iterable[str | Path],
                on_error: Callable[[str, GraphError], None] | None = None) -> Iterator[RawArticle]:
    """Every article of the given files, folders, JSONL files, URLs and "-" (standard input),
    with ids unique in the run. An input that cannot be read is passed to ``on_error`` and
    skipped, or, without ``on_error``, raised."""
    seen: set[str] = set()
    for item in items:
        for source, load in _loaders(str(item)):
            try:
                article = load()
            except GraphError as exc:
                if on_error is None:
                    raise
                on_error(source, exc)
                continue
            ident = article.id
            if ident in seen:
                ident = f"{ident}-{text_id(article.text)[1:9]}"
            seen.add(ident)
            yield article if ident == article.id else dataclasses.replace(article, id=ident)


def read_text_or_path(value: str | Path) -> list[RawArticle]:
    """``build_graph``'s argument: a path (file, folder, JSONL) or the article text itself."""
    if isinstance(value, Path):
        return list(read_inputs([value]))
    looks_like_path = "\n" not in value and len(value) < 4096 and (
        Path(value).exists() or re.search(r"\.(txt|jsonl|html?)$", value, re.I) is not None
    )
    if looks_like_path:
        return list(read_inputs([value]))
    ident = text_id(_check_text(value, "The text"))
    if looks_like_html(value.encode("utf-8")[:4096]):
        page = read_html(value.encode("utf-8"), "The HTML text")
        return [RawArticle(id=ident, text=page.text, source="<text>", url=page.url, html=page)]
    return [RawArticle(id=ident, text=value, source="<text>")]
