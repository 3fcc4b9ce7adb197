"""Fetch an article from a URL: a timeout, a size limit, and a clear error when offline."""

from __future__ import annotations

import urllib.error
import urllib.request

from ..errors import InputError
from .html import looks_like_html
from .sources import RawArticle, article_from_html, decode, slug

TIMEOUT_S = 20.0
MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "newskg/0.1 (+offline news knowledge graphs)"


def fetch_bytes(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """The body of ``url`` and its content type."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http/https only)
            data = response.read(max_bytes + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(f"Cannot fetch {url}: the server answered {exc.code} {exc.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"Cannot fetch {url} ({reason}); check the address or the network.") from None
    if len(data) > max_bytes:
        raise InputError(f"Cannot fetch {url}: it is larger than {max_bytes // (1024 * 1024)} MB.")
    return data, kind


def fetch_url(url: str) -> RawArticle:
    """The article at ``url`` (plain text, or HTML through the HTML extractor)."""
    data, kind = fetch_bytes(url)
    ident = slug(url.split("://", 1)[1])
    if kind in ("text/html", "application/xhtml+xml") or looks_like_html(data):
        return article_from_html(data, ident, url, url)
    return RawArticle(id=ident, text=decode(data, url), source=url, url=url)
