"""Stage 1, ingest: read inputs (files, folders, JSONL) and find the article inside each page."""

from .page import find_article
from .sources import RawArticle, read_inputs, read_text_or_path

__all__ = ["RawArticle", "find_article", "read_inputs", "read_text_or_path"]
