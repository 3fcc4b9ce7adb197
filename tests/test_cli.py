"""The kg command: bad input gives one clear line and a non-zero exit, never a traceback, and
never a half-written or stale output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kg: error: ") and "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "No such file"), (b"", "is empty"), (b" \n \n", "is empty"), (b"\x00\x01binary\x00", "binary"),
     (b"\xff\xfe caf\xe9", "not valid UTF-8")],
)
def test_cli_build_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
                             words: str) -> None:
    source = tmp_path / "article.txt"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out"
    code, _, err = run(capsys, "build", str(source), "-o", str(out))
    assert code == 1
    assert words in one_line_error(err)
    assert not out.exists() or not any(out.iterdir())


def test_cli_build_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    code, _, err = run(capsys, "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 1 and "holds no articles" in one_line_error(err)


def test_cli_failed_build_keeps_previous_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    previous = {name: f"previous {name}".encode() for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html")}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    (tmp_path / "bad.txt").write_bytes(b"\x00binary")
    code, _, _ = run(capsys, "build", str(tmp_path / "bad.txt"), "-o", str(out))
    assert code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == previous


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["query", "no-such-query", "--graph", "{graph}"], 1, "Unknown query"),
        (["query", "{bad_rq}", "--graph", "{graph}"], 1, "{bad_rq_name}"),
        (["query", "entities", "--graph", "{graph}", "--param", "novalue"], 2, "novalue"),
        (["query", "entities", "--graph", "{missing}"], 1, "missing"),
        (["query", "entities", "--graph", "{graph}", "--format", "xml"], 2, "xml"),
        (["frobnicate"], 2, "frobnicate"),
        (["viz", "{missing}", "-o", "{tmp}/x.html"], 1, "missing"),
    ],
)
def test_cli_usage_and_query_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                    code: int, words: str) -> None:
    graph_file = tmp_path / "g.ttl"
    graph_file.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    bad_rq = tmp_path / "broken.rq"
    bad_rq.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    values = {"graph": str(graph_file), "bad_rq": str(bad_rq), "bad_rq_name": "broken",
              "missing": str(tmp_path / "missing.ttl"), "tmp": str(tmp_path)}
    got, _, err = run(capsys, *[a.format(**values) for a in argv])
    assert got == code
    assert words.format(**values) in one_line_error(err)


def test_cli_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    graph_file = tmp_path / "g.ttl"
    graph_file.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    code, _, err = run(capsys, "viz", str(graph_file), "-o", str(blocker / "sub" / "x.html"))
    assert code == 1 and "Cannot write" in one_line_error(err)


def test_cli_query_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    names = [line.split(":")[0] for line in out.splitlines()]
    assert code == 0 and {"entities", "places", "people", "timeline", "sources", "mentions", "comention"} <= set(names)


def test_cli_no_traceback_from_console_entry(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
