"""The public API is exactly ``graph.__all__``, sorted, and every name in it exists."""

import graph


def test_exported_members_sorted_and_present() -> None:
    assert graph.__all__ == sorted(graph.__all__)
    for name in graph.__all__:
        assert hasattr(graph, name), name


def test_exported_members_are_the_public_names() -> None:
    public = {
        name for name, value in vars(graph).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("graph")
        and callable(value)
    }
    assert public == set(graph.__all__)
