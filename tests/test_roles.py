"""Roles: memberships stated next to a person's name ("Norwegian Prime Minister Ann Vale").

Fast: no spaCy model is loaded; entities and sentences are built by hand.
"""

from __future__ import annotations

import pytest

from graph.model import Entity, EntityKind, Span
from graph.roles import find_memberships, role_of


def at(text: str, surface: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface))


def memberships(text: str, named: list[tuple[EntityKind, str]],
                sentences: list[Span] | None = None) -> list[tuple[str, str, str, str]]:
    """(person, organisation, role, title as written) found in ``text``, where each named
    (kind, surface) is an entity with one mention, the first occurrence of its surface."""
    entities = [Entity(kind, surface, [at(text, surface)]) for kind, surface in named]
    found = find_memberships(text, sentences or [Span(0, len(text))], entities)
    return [(entities[m.person].label, entities[m.organization].label, m.role, m.mention.text(text))
            for m in found]


@pytest.mark.parametrize(
    ("text", "named", "expected"),
    [
        ("Norwegian Prime Minister Ann Vale visited the harbour.",
         [("Place", "Norwegian"), ("Person", "Ann Vale")],
         [("Ann Vale", "Norwegian", "Prime Minister", "Prime Minister")]),
        ("German Foreign Minister Lars Holm flew home.",
         [("Place", "German"), ("Person", "Lars Holm")],
         [("Lars Holm", "German", "Foreign Minister", "Foreign Minister")]),
        ("Acme Corp CEO John Smith resigned on Friday.",
         [("Organization", "Acme Corp"), ("Person", "John Smith")],
         [("John Smith", "Acme Corp", "CEO", "CEO")]),
        ("Acme's chief executive Jane Roe resigned.",
         [("Organization", "Acme"), ("Person", "Jane Roe")],
         [("Jane Roe", "Acme", "Chief Executive", "chief executive")]),
        ("John Smith, the director of the Museum, resigned.",
         [("Person", "John Smith"), ("Organization", "Museum")],
         [("John Smith", "Museum", "Director", "director")]),
        ("John Smith, a director at Brightwater, resigned.",
         [("Person", "John Smith"), ("Organization", "Brightwater")],
         [("John Smith", "Brightwater", "Director", "director")]),
        ("Jane Roe, Acme's chief executive, resigned.",
         [("Person", "Jane Roe"), ("Organization", "Acme")],
         [("Jane Roe", "Acme", "Chief Executive", "chief executive")]),
        ("Jane Roe, Acme's chief executive.",
         [("Person", "Jane Roe"), ("Organization", "Acme")],
         [("Jane Roe", "Acme", "Chief Executive", "chief executive")]),
        # The title as written is the title only, without the comma of an apposition.
        ("Acme's CEO, John Smith, resigned.",
         [("Organization", "Acme"), ("Person", "John Smith")],
         [("John Smith", "Acme", "CEO", "CEO")]),
        # A rank after the title is not part of the role.
        ("Norwegian Defense Minister Gen. Ann Vale spoke.",
         [("Place", "Norwegian"), ("Person", "Ann Vale")],
         [("Ann Vale", "Norwegian", "Defense Minister", "Defense Minister Gen.")]),
    ],
)
def test_roles_find_memberships(text: str, named: list[tuple[EntityKind, str]],
                                expected: list[tuple[str, str, str, str]]) -> None:
    assert memberships(text, named) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # Nothing between: no title.
        ("Acme John Smith arrived.", [("Organization", "Acme"), ("Person", "John Smith")]),
        ("Norwegian Ann Vale arrived.", [("Place", "Norwegian"), ("Person", "Ann Vale")]),
        # A verb between.
        ("Acme hired John Smith.", [("Organization", "Acme"), ("Person", "John Smith")]),
        ("Acme sued director John Smith.", [("Organization", "Acme"), ("Person", "John Smith")]),
        ("John Smith praised Acme's chief executive.", [("Person", "John Smith"), ("Organization", "Acme")]),
        ("John Smith, who joined Acme in May, left.", [("Person", "John Smith"), ("Organization", "Acme")]),
        ("John Smith, the critic of Acme, left.", [("Person", "John Smith"), ("Organization", "Acme")]),
        # Two people or two organisations: no membership.
        ("Acme Corp CEO Brightwater resigned.", [("Organization", "Acme Corp"), ("Organization", "Brightwater")]),
        ("Jane Roe, the director of John Smith, left.", [("Person", "Jane Roe"), ("Person", "John Smith")]),
    ],
)
def test_roles_no_membership(text: str, named: list[tuple[EntityKind, str]]) -> None:
    assert memberships(text, named) == []


def test_roles_not_across_sentences() -> None:
    text = "Shares of Acme fell. CEO John Smith left."
    named: list[tuple[EntityKind, str]] = [("Organization", "Acme"), ("Person", "John Smith")]
    assert memberships(text, named, [at(text, "Shares of Acme fell."), at(text, "CEO John Smith left.")]) == []
    # The same words in one sentence do state the role: the sentence bounds are what matter.
    one = "Shares of Acme CEO John Smith fell."
    assert memberships(one, named) == [("John Smith", "Acme", "CEO", "CEO")]


def test_roles_same_membership_stated_twice_is_one() -> None:
    text = "Acme CEO John Smith spoke, and Acme CEO John Smith left."
    entities = [Entity("Organization", "Acme", [at(text, "Acme"), at(text, "Acme", 1)]),
                Entity("Person", "John Smith", [at(text, "John Smith"), at(text, "John Smith", 1)])]
    [membership] = find_memberships(text, [Span(0, len(text))], entities)
    assert (membership.person, membership.organization, membership.role) == (1, 0, "CEO")
    assert membership.mention == at(text, "CEO")


def test_roles_indices_point_into_the_entity_list() -> None:
    text = "Yesterday Tromsø welcomed Acme Corp CEO John Smith."
    entities = [Entity("Person", "John Smith", [at(text, "John Smith")]),
                Entity("Place", "Tromsø", [at(text, "Tromsø")]),
                Entity("Organization", "Acme Corp", [at(text, "Acme Corp")])]
    [membership] = find_memberships(text, [Span(0, len(text))], entities)
    assert (membership.person, membership.organization) == (0, 2)


@pytest.mark.parametrize(
    ("phrase", "role"),
    [
        ("President", "President"),
        ("prime minister", "Prime Minister"),
        ("CEO", "CEO"),
        ("chief executive", "Chief Executive"),
        ("First Deputy Defense Minister Gen.", "First Deputy Defense Minister"),
        ("Minister of Energy", "Minister of Energy"),
        ("said", None),
        ("hired director", None),
        ("of President", None),
        ("Big Boss", None),
    ],
)
def test_roles_role_of(phrase: str, role: str | None) -> None:
    assert role_of(phrase) == role
