"""Shared helpers for tests that run the real pipeline on short articles we write."""

from __future__ import annotations

import pytest

from graph.model import Document, Ref

DATELINE = "March 3, 2021"  # a Wednesday: the publication date
HEADLINE = "Morning Briefing For Readers"
# A quiet sentence after each test sentence: it makes the paragraph read as prose to ingest (a
# short name-heavy line alone does not) and yields no event or claim of its own.
FILLER = "The situation there remained calm and quiet."


def article(body: str, dateline: str = DATELINE, headline: str = HEADLINE) -> str:
    return f"{headline}\n{dateline}\n\n{body} {FILLER}\n"


@pytest.fixture(scope="session")
def nlp():
    from graph.nlp import load_model

    return load_model()


def analyse(nlp, text: str) -> Document:
    from graph.ingest.sources import RawArticle
    from graph.pipeline import analyse_one

    return analyse_one(nlp, RawArticle("t", text, "<test>"))


def name(doc: Document, ref: Ref) -> str:
    """An entity's label, or "described:" and the label of a described source."""
    kind, i = ref
    return doc.entities[i].label if kind == "entity" else "described:" + doc.described[i].label
