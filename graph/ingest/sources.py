"""Read inputs as exact text: files, folders of ``.txt`` files, JSONL dumps, or a string."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)


@dataclass(frozen=True)
class RawArticle:
    """One article's exact text and where it came from."""

    id: str
    text: str
    source: str
    url: str | None = None


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


def _read_jsonl(path: Path) -> Iterator[RawArticle]:
    text = decode(_read_bytes(path), str(path))
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where} is not valid JSON ({exc.msg}).") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{where} has no \"text\" string field.")
        body = _check_text(record["text"], where)
        ident = record.get("id")
        url = record.get("url")
        yield RawArticle(
            id=slug(str(ident)) if ident not in (None, "") else f"{slug(path.stem)}-{number}",
            text=body,
            source=where,
            url=url if isinstance(url, str) and url else None,
        )
        found = True
    if not found:
        raise InputError(f"{path} holds no articles (no non-empty JSON lines).")


def _read_file(path: Path, ident: str) -> RawArticle:
    return RawArticle(id=ident, text=decode(_read_bytes(path), str(path)), source=str(path))


def _expand(item: Path) -> Iterator[RawArticle]:
    if not item.exists():
        raise InputError(f"No such file or folder: {item}.")
    if item.is_dir():
        files = sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        if not files:
            raise InputError(f"The folder {item} holds no articles (no .txt files inside).")
        for f in files:
            yield _read_file(f, slug(str(f.relative_to(item).with_suffix(""))))
    elif item.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(item)
    else:
        yield _read_file(item, slug(item.stem))


def read_inputs(items: Iterable[str | Path]) -> Iterator[RawArticle]:
    """Every article of the given files, folders and JSONL files, with ids unique in the run."""
    seen: set[str] = set()
    for item in items:
        for article in _expand(Path(item)):
            ident = article.id
            if ident in seen:
                ident = f"{ident}-{text_id(article.text)[1:9]}"
            seen.add(ident)
            yield article if ident == article.id else RawArticle(ident, article.text, article.source, article.url)


def read_text_or_path(value: str | Path) -> list[RawArticle]:
    """``build_graph``'s argument: a path (file, folder, JSONL) or the article text itself."""
    if isinstance(value, Path):
        return list(read_inputs([value]))
    looks_like_path = "\n" not in value and len(value) < 4096 and (
        Path(value).exists() or re.search(r"\.(txt|jsonl)$", value, re.I) is not None
    )
    if looks_like_path:
        return list(read_inputs([value]))
    return [RawArticle(id=text_id(_check_text(value, "The text")), text=value, source="<text>")]
