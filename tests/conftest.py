"""Shared fixtures: the example article built once per test session (it loads the model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.resources import example_article


@pytest.fixture(scope="session")
def example_path() -> Path:
    return example_article()


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build`` of the bundled example into a fresh folder; returns the folder."""
    from graph.build import build_files

    out = tmp_path_factory.mktemp("example")
    build_files([example_article()], out)
    return out


from fixtures_nlp import nlp  # noqa: E402,F401  (the session's spaCy model, as a fixture)
