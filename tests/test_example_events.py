"""Acceptance on the bundled example: who did what, where, when — and according to whom."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Literal
from rdflib.namespace import PROV, SDO

from graph import load_graph
from graph.namespaces import ITSRDF, NIF, NKG, SEM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ds(example_build: Path) -> Dataset:
    return load_graph(example_build / "graph.trig")


def claims_by(ds: Dataset, source_label: str) -> list:
    out = []
    for claim in ds.subjects(RDF.type, NKG.Claim):
        for source in ds.objects(claim, PROV.wasAttributedTo):
            if ds.value(source, RDFS.label) == Literal(source_label):
                out.append(claim)
    return out


def quantities(ds: Dataset, claim) -> set[tuple[str, str]]:
    return {(str(ds.value(q, SDO.value)), str(ds.value(q, SDO.unitText))) for q in ds.objects(claim, NKG.quantity)}


def anchors(ds: Dataset, node) -> set[str]:
    return {str(ds.value(m, NIF.anchorOf)) for m in ds.subjects(ITSRDF.taIdentRef, node)}


def test_example_putin_claims_complete_victory(ds: Dataset) -> None:
    [claim] = claims_by(ds, "Vladimir Putin")
    text = str(ds.value(claim, SDO.text))
    assert "complete victory" in text and "Syria" in text and "ISIS" in text
    assert "has claimed" in anchors(ds, claim)
    assert len(text) < 300  # the clause, not the article


def test_example_territory_figures_according_to_the_observatory(ds: Dataset) -> None:
    [claim] = claims_by(ds, "Observatory")
    assert str(ds.value(claim, NKG.cue)) == "according to"
    assert {("19.0", "percent"), ("48.0", "percent")} <= quantities(ds, claim)
    assert (None, RDF.type, NKG.Percentage) in ds


def test_example_us_estimate_of_remaining_fighters(ds: Dataset) -> None:
    [claim] = claims_by(ds, "United States")
    assert str(ds.value(claim, NKG.cue)) == "estimated"
    assert str(ds.value(claim, SDO.text)).startswith("3,000 ISIS fighters remain in Iraq and Syria")
    assert ("3000.0", "ISIS fighters") in quantities(ds, claim)


def test_example_gerasimov_calls_for_joint_operations(ds: Dataset) -> None:
    [claim] = claims_by(ds, "Valery Gerasimov")
    assert "calling for" in str(ds.value(claim, NKG.cue))
    assert "joint operations within Iraq" in str(ds.value(claim, SDO.text))


def test_example_unnamed_officials_are_a_described_source(ds: Dataset) -> None:
    [claim] = claims_by(ds, "Russian defense officials")
    [source] = ds.objects(claim, PROV.wasAttributedTo)
    assert (source, RDF.type, NKG.DescribedSource) in ds
    assert ds.value(ds.value(source, SDO.affiliation), RDFS.label) == Literal("Russia")


def events(ds: Dataset, trigger: str) -> list:
    return [e for m, e in ds.subject_objects(ITSRDF.taIdentRef)
            if str(ds.value(m, NIF.anchorOf)) == trigger and ds.value(e, NKG.factuality) is not None]


def test_example_offensive_dated_from_the_caption(ds: Dataset) -> None:
    [offensive] = events(ds, "offensive")
    assert (offensive, RDF.type, NKG.MilitaryOperation) in ds
    time = ds.value(offensive, SEM.hasTime)
    assert ds.value(time, SEM.hasTimeStamp) == Literal("2017-09-15", datatype=XSD.date)
    assert ds.value(offensive, NKG.factuality) == NKG.Asserted
    assert ds.value(ds.value(offensive, NKG.patient), RDFS.label) == Literal("Islamic State")
    assert ds.value(ds.value(offensive, SEM.hasPlace), RDFS.label) == Literal("Syria")


def test_example_joint_operation_is_not_asserted(ds: Dataset) -> None:
    found = events(ds, "operation") + events(ds, "operations")
    assert found
    for event in found:
        assert ds.value(event, NKG.factuality) != NKG.Asserted


def test_example_no_claim_from_credits_or_chrome(ds: Dataset) -> None:
    sources = {str(ds.value(source, RDFS.label)) for claim in ds.subjects(RDF.type, NKG.Claim)
               for source in ds.objects(claim, PROV.wasAttributedTo)}
    assert "Vladimir Putin" in sources
    assert "Associated Press" not in sources and "MintPress News" not in sources
