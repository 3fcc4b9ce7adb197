"""Dates: absolute and relative date expressions, resolved against an anchor date.

Fast: no spaCy model is loaded; where a test needs spaCy's DATE entities it passes them by hand.
"""

from __future__ import annotations

import datetime
import itertools
import re

import pytest

from graph import dates as dates_module
from graph.dates import find_dates, parse_date
from graph.model import DateValue, Span

# A Thursday, like a story published on that day.
ANCHOR = datetime.date(2017, 12, 7)


def dates(text: str, anchor: datetime.date | None = ANCHOR,
          hints: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(expression as written, value) for every date found in the whole text."""
    candidates = [Span(text.index(h), text.index(h) + len(h)) for h in hints]
    found = find_dates(text, [Span(0, len(text))], anchor, candidates)
    return [(m.span.text(text), m.value.value) for m in found]


def values(text: str, anchor: datetime.date | None = ANCHOR) -> list[str]:
    return [value for _, value in dates(text, anchor)]


# --- parse_date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 7th, 2017", "2017-12-07"),
        ("March 01, 2008", "2008-03-01"),
        ("Dec. 7, 2017", "2017-12-07"),
        ("Sept. 15, 2017", "2017-09-15"),
        ("7 December 2017", "2017-12-07"),
        ("the 7th of December, 2017", "2017-12-07"),
        ("2017-12-07", "2017-12-07"),
        ("2017-12-07T10:22:00Z", "2017-12-07"),
        ("Thursday, December 7, 2017 10:22 AM EST", "2017-12-07"),
        ("Updated 3:04 PM ET, Thu December 7, 2017", "2017-12-07"),
        ("Posted on December 7, 2017 by staff", "2017-12-07"),
        ("PUBLISHED: DECEMBER 7, 2017", "2017-12-07"),
        ("Published: 12/25/2017", "2017-12-25"),
        ("Published: 25/12/2017", "2017-12-25"),
    ],
)
def test_dates_parse_absolute_forms(text: str, expected: str) -> None:
    assert parse_date(text) == DateValue(expected, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Published: 07/12/2017",  # 7 December or July 12: the text does not say
        "December 2017",
        "Updated 3:04 PM ET",
        "February 30, 2017",
        "By Staff Writer",
        "",
    ],
)
def test_dates_parse_rejects_partial_or_ambiguous(text: str) -> None:
    assert parse_date(text) is None


# --- absolute expressions in running text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The bridge opened on December 7th, 2017 after delays.", "December 7th, 2017", "2017-12-07"),
        ("Talks began on Sept. 15, 2017 in Geneva.", "Sept. 15, 2017", "2017-09-15"),
        ("The pact was signed on 3 March 2008 in Lima.", "3 March 2008", "2008-03-03"),
        ("The filing is dated 2008-03-01 and was sealed.", "2008-03-01", "2008-03-01"),
        ("She was born on Feb. 29, 1960, in Ohio.", "Feb. 29, 1960", "1960-02-29"),
        ("The mill closed in March 2008.", "March 2008", "2008-03"),
        ("The mill closed in March of 2008.", "March of 2008", "2008-03"),
        ("The mill closed in 2008.", "2008", "2008"),
        ("Growth slowed by mid-2010, analysts said.", "mid-2010", "2010"),
        ("The plan dates from late 2009.", "late 2009", "2009"),
        ("Work starts in the summer of 2019.", "the summer of 2019", "2019"),
        ("The town hosted the 1996 regional games.", "1996", "1996"),
        ("Data from the US 2010 census were released.", "2010", "2010"),
        ("Sales rose 5 percent over 2009, the firm said.", "2009", "2009"),
        ("The festival ran June 1-3, 2016 in Oslo.", "June 1-3, 2016", "2016-06"),
    ],
)
def test_dates_absolute_expressions(text: str, expression: str, value: str) -> None:
    assert dates(text) == [(expression, value)]


def test_dates_weekday_with_explicit_date_keeps_the_date() -> None:
    text = "In this Friday, Sept. 15, 2017 photo, a ferry leaves the port."
    assert dates(text) == [("Friday, Sept. 15, 2017", "2017-09-15")]


def test_dates_year_range_gives_both_years() -> None:
    text = "The council will renovate six schools from 2019 to 2021, then 2023-2025."
    assert values(text) == ["2019", "2021", "2023", "2025"]


# --- relative expressions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The mayor resigned yesterday.", "yesterday", "2017-12-06"),
        ("The mayor resigned today.", "today", "2017-12-07"),
        ("The mayor will resign tomorrow.", "tomorrow", "2017-12-08"),
        ("The council meets tonight.", "tonight", "2017-12-07"),
        ("Fans queued last night outside the arena.", "last night", "2017-12-06"),
        ("Talks ended in Paris. Today the envoys fly home.", "Today", "2017-12-07"),
        ("Prices rose last month.", "last month", "2017-11"),
        ("Prices rose earlier this month.", "earlier this month", "2017-12"),
        ("Prices will rise next month.", "next month", "2018-01"),
        ("Prices rose earlier this year.", "earlier this year", "2017"),
        ("Prices fell last year.", "last year", "2016"),
        ("Prices will fall next year.", "next year", "2018"),
        ("A vote is due later this year.", "later this year", "2017"),
        ("Debt peaked at the end of last year.", "the end of last year", "2016"),
        ("The firm was founded two years ago.", "two years ago", "2015"),
        ("The firm was founded three days ago.", "three days ago", "2017-12-04"),
    ],
)
def test_dates_relative_to_anchor(text: str, expression: str, value: str) -> None:
    assert dates(text) == [(expression, value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministry announced the plan on Friday.", "2017-12-01"),  # past: the Friday before
        ("The ministry said Monday that it agreed.", "2017-12-04"),
        ("The ministry will announce the plan on Friday.", "2017-12-08"),  # future: the next one
        ("The ministry is expected to decide on Monday.", "2017-12-11"),
        ("The ministry plans to vote next Friday.", "2017-12-08"),
        ("The ministry voted last Friday.", "2017-12-01"),
        ("The ministry announced the plan on Thursday.", "2017-12-07"),  # the anchor's own weekday
    ],
)
def test_dates_weekday_follows_tense(text: str, value: str) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The factory closed in March.", "March", "2017-03"),
        ("The factory closed in December.", "December", "2017-12"),
        ("The factory will reopen in March.", "March", "2018-03"),
        ("The factory reopened in early June.", "early June", "2017-06"),
        ("The factory reopened on March 3.", "March 3", "2017-03-03"),
        ("The factory will reopen on March 3.", "March 3", "2018-03-03"),
        ("The factory reopened on 11 December.", "11 December", "2016-12-11"),
        ("The factory reopened on Jan. 4.", "Jan. 4", "2017-01-04"),
        ("The factory reopened last March.", "last March", "2017-03"),
        ("The factory reopens in October of next year.", "October of next year", "2018-10"),
    ],
)
def test_dates_month_year_is_inferred(text: str, expression: str, value: str) -> None:
    assert dates(text) == [(expression, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The agency said on Tuesday that it will start the trial in March.", ["2017-12-05", "2018-03"]),
        ("The ferry will skip the planned stop and dock on March 3.", ["2018-03-03"]),
        ("A ruling is expected in March.", ["2018-03"]),
        ("The plan was approved in March.", ["2017-03"]),
        ("The licence, which expires on December 20, covers two ports.", ["2017-12-20"]),
    ],
)
def test_dates_nearest_cue_decides_tense(text: str, expected: list[str]) -> None:
    assert values(text) == expected


# A Monday two weeks before "Oct. 16", and a Tuesday, as other stories' publication dates.
MONDAY_OCT_2 = datetime.date(2023, 10, 2)
TUESDAY_JAN_9 = datetime.date(2024, 1, 9)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # no tense cue: the year that puts the date nearest the anchor
        ("The strike begins Oct. 16.", "2023-10-16"),
        ("The licence expires on March 20.", "2024-03-20"),  # 5.5 months ahead, 6.5 behind
        ("The licence expires on April 20.", "2023-04-20"),  # 6.5 months ahead, 5.5 behind
        # a verb of saying dates the statement, not what was said
        ("Union leaders said the strike begins Oct. 16.", "2023-10-16"),
        ("The union announced that the strike begins Oct. 16 unless talks resume.", "2023-10-16"),
        ("The strike begins Oct. 16, the union said.", "2023-10-16"),
        ("The company announced the closure on Oct. 9.", "2023-10-09"),  # reported, within 31 days
        ("The union said the deadline is Jan. 15.", "2024-01-15"),  # its own verb, in the present
        ("The union said that on Jan. 15 the strike will begin.", "2024-01-15"),  # its own cue, after
        ("The union said that on Sept. 12 the talks collapsed.", "2023-09-12"),
        # ... unless the date hangs on it: a statement is not made two weeks ahead
        ("The union said on Oct. 16 that it would strike.", "2022-10-16"),
        ("The union said in a statement on Oct. 16 that it would strike.", "2022-10-16"),
        ("On Oct. 16, the union said it would strike.", "2022-10-16"),
        # a past verb of another clause does not govern the date
        ("Workers voted to walk out; the strike begins Oct. 16.", "2023-10-16"),
        # a past verb of the date's own clause still does, and "since" points back
        ("The plant reopened on Oct. 16.", "2022-10-16"),
        ("The plant has been closed since Dec. 3.", "2022-12-03"),
    ],
)
def test_dates_month_day_year_is_the_nearest_unless_the_tense_says(text: str, value: str) -> None:
    assert values(text, MONDAY_OCT_2) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The trial opens in February.", "2024-02"),  # four months ahead, eight behind
        ("The trial opens in May.", "2023-05"),  # seven months ahead, five behind
        ("The port has been shut since November.", "2022-11"),
        ("The company reported a loss in March.", "2023-03"),  # reported, not the following month
        ("The company announced the merger in November.", "2023-11"),  # reported, the following month
    ],
)
def test_dates_month_year_is_the_nearest_unless_the_tense_says(text: str, value: str) -> None:
    assert values(text, MONDAY_OCT_2) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Negotiators need to reach a deal before Monday.", "2024-01-15"),
        ("reach a deal before Monday", "2024-01-15"),  # a deadline: ahead without a past verb
        ("Both sides have until Friday to settle.", "2024-01-12"),
        ("The bridge stays closed until Monday, officials said.", "2024-01-15"),
        ("The ferry runs by Tuesday.", "2024-01-09"),  # the anchor's own weekday is the anchor
        ("The rebels had until Monday to leave.", "2024-01-08"),  # a past verb governs the deadline
        ("Roads damaged by Monday's storm remain shut.", "2024-01-08"),  # not a deadline
        ("The shop has been shut since Monday.", "2024-01-08"),
        ("Talks resume Monday.", "2024-01-08"),  # no cue and no deadline: the last one, as before
        ("The union said the strike begins Monday.", "2024-01-08"),
    ],
)
def test_dates_weekday_deadline_looks_ahead(text: str, value: str) -> None:
    assert values(text, TUESDAY_JAN_9) == [value]


def test_dates_same_day_of_anchor_is_resolved_from_another_anchor() -> None:
    caption_date = datetime.date(2017, 9, 15)  # a caption's own date, a Friday
    assert values("Troops advanced on Friday.", caption_date) == ["2017-09-15"]
    assert values("Troops advanced on Tuesday.", caption_date) == ["2017-09-12"]


# --- precision --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("It happened on March 3, 2008.", "day"),
        ("It happened yesterday.", "day"),
        ("It happened in March 2008.", "month"),
        ("It happened last month.", "month"),
        ("It happened in 2008.", "year"),
        ("It happened this year.", "year"),
    ],
)
def test_dates_precision_is_what_the_text_gives(text: str, precision: str) -> None:
    (found,) = find_dates(text, [Span(0, len(text))], ANCHOR)
    assert found.value.precision == precision


# --- not dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The plant will cut 2010 jobs.",
        "Each worker was paid $2010 in bonuses.",
        "Each worker was paid US$2010 in bonuses.",
        "The team hired about 2000 engineers.",
        "The plant employs 2,000 workers.",
        "The plant shed 2010 positions.",
        "The town has 2000 years of history.",
        "Growth was 2010 percent, a typo.",
        "The convoy left at 1930 GMT.",
        "Flight 2012 landed safely.",
        "Call 555 2010 for details.",
        "Music sales boomed in the 1990s.",
        "Music sales boomed in the 1990's.",
        "Sales rose in recent weeks.",
        "It took a year to finish.",
        "The fund has existed for 50 years.",
        "Sales grew over the past year.",
        "Sales will grow over the next year.",
        "The 2010-11 budget was approved.",
        "The meeting starts at 10:30 a.m.",
        "They met in the summer.",
        "Prime Minister Theresa May met the mayor.",
        "Protesters march on the capital.",
        "Shops opened early for Black Friday.",
        "The story ran in the Sunday Times.",
        "She told USA Today that she would run.",
        "Engineers showed the cars of tomorrow.",
        "The ruling is dated 07/12/2017.",
    ],
)
def test_dates_non_dates_are_rejected(text: str) -> None:
    assert dates(text) == []


def test_dates_spacy_hint_vouches_for_a_bare_month() -> None:
    text = "February sales were weak."
    assert dates(text) == []
    assert dates(text, hints=("February",)) == [("February", "2017-02")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Any year's month: no calendar value.
        ("It was the kind of heat we would normally expect in April or May.", []),
        ("The festival is held every June in the old town.", []),
        # The cue ends with its clause: the month after the comma is a calendar one.
        ("Sales usually peak in December, but this year they fell in March.",
         [("this year", "2017"), ("March", "2017-03")]),
    ],
)
def test_dates_habitual_month_has_no_calendar_value(text: str, expected: list) -> None:
    assert dates(text) == expected


def test_dates_spacy_hint_does_not_override_money_or_counts() -> None:
    text = "The plant will cut 2010 jobs and pay $2010 each."
    assert dates(text, hints=("2010",)) == []


# --- spans and regions -----------------------------------------------------------------------------


def test_dates_spans_are_exact_and_trimmed() -> None:
    text = "Officials said on Tuesday, (Dec. 5), that talks held in 2016, and last month, failed."
    found = find_dates(text, [Span(0, len(text))], ANCHOR)
    assert [m.span.text(text) for m in found] == ["Tuesday", "Dec. 5", "2016", "last month"]
    for mention in found:
        written = mention.span.text(text)
        assert written == written.strip(" ,.;:()")


def test_dates_result_is_sorted_and_non_overlapping() -> None:
    text = "The talks on Thursday, December 7, 2017 followed a summit in 2016 and one last month."
    found = find_dates(text, [Span(0, len(text))], ANCHOR)
    spans = [m.span for m in found]
    assert spans == sorted(spans)
    assert not any(a.overlaps(b) for a, b in itertools.pairwise(spans))
    assert found[0].span.text(text) == "Thursday, December 7, 2017"


def test_dates_only_inside_regions() -> None:
    text = "Menu 2015\nThe port reopened in 2016.\nCopyright 2017 Coastal Daily"
    body = Span(text.index("The port"), text.index("2016.") + 5)
    found = find_dates(text, [body], ANCHOR)
    assert [(m.span.text(text), m.value.value) for m in found] == [("2016", "2016")]
    assert all(m.span in body for m in found)


def test_dates_expression_cut_by_region_end_is_not_completed_outside() -> None:
    text = "The port reopened on March 3, 2016 after repairs."
    region = Span(0, text.index(", 2016"))
    found = find_dates(text, [region], ANCHOR)
    assert [m.span.text(text) for m in found] == ["March 3"]
    assert all(m.span in region for m in found)


def test_dates_overlapping_regions_report_each_expression_once() -> None:
    text = "The port reopened in 2016."
    found = find_dates(text, [Span(0, len(text)), Span(4, len(text))], ANCHOR)
    assert [m.span.text(text) for m in found] == ["2016"]


# --- no anchor ----------------------------------------------------------------------------------------


def test_dates_without_anchor_only_absolute_expressions() -> None:
    text = ("The port, closed on March 3, 2016 and again in May 2017, reopened in 2018; "
            "officials said on Friday that it will expand next year and in March.")
    assert dates(text, anchor=None) == [
        ("March 3, 2016", "2016-03-03"),
        ("May 2017", "2017-05"),
        ("2018", "2018"),
    ]


# --- the rules' starts ----------------------------------------------------------------------------


_PHRASES = [
    "Monday, March 3, 2017", "3rd of March, 2017", "Tues. Sept. 5 2017", "June 1-3, 2009", "the 22nd of May",
    "the very end of March 2010", "mid-2010", "the first quarter of 2010", "Q3 2010", "late March", "last March",
    "early in June", "March of next year", "this month", "the end of next year", "the past year", "the day before "
    "yesterday", "the day after tomorrow", "the end of the year", "earlier in the month", "two years ago",
    "3 days ago", "an year ago", "A month ago", "later today", "this morning", "last night", "next Friday",
    "coming Sunday", "2009-2011", "1999 – 2001", "the 1990's", "2017-12-07", "07/12/2017", "25.12.2017", "12/25/17",
    "the rest of the year", "the remainder of the month", "very close of 2011", "Q1 2011", "H2 2012", "twelve days ago",
    "the spring of 2011", "winter 2012", "the latter half of 2013", "past Monday", "THIS YEAR", "TODAY", "Wed 4 July",
    "Wed, Dec. 6, 2017", "THURSDAY DECEMBER 7 2017",
]


def _fuzz_texts(count: int) -> list[str]:
    """Texts made of date phrases and of the words, numbers and marks the rules look for."""
    import random

    rng = random.Random(7)
    words = sorted({w for pattern, _, _ in dates_module._RULES for w in re.findall(r"[A-Za-z]{2,}", pattern.pattern)})
    words += ["a", "A", "an", "the", "12", "3", "31", "2017", "1999", "1st", "22nd", "Q3", "H1", "mid-", "Sept.",
              "٣", "10,000", "$2010", "ago", "day", "days", "of", "in", "said", "will"]
    spaces = [" ", " ", " ", "  ", "\n", "\t"]
    marks = [*spaces, ", ", ". ", "-", "–", "/", "'s ", "(", ")"]

    def item() -> str:
        if rng.random() < 0.3:  # a phrase, maybe capitalised, its spaces any white space
            phrase = rng.choice(_PHRASES)
            phrase = phrase[0].upper() + phrase[1:] if rng.random() < 0.3 else phrase
            return "".join(part + rng.choice(spaces) for part in phrase.split(" "))[:-1]
        return rng.choice(words)

    return ["".join(item() + rng.choice(marks) for _ in range(rng.randrange(1, 40))) for _ in range(count)]


def test_dates_rules_tried_at_their_starts_match_like_finditer(example_path) -> None:
    """Each rule's starts name every place one of its matches may begin (``_matches``)."""
    texts = [example_path.read_text(encoding="utf-8"), *_fuzz_texts(3000)]
    for text in texts:
        for begin, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
            expected = [(m.span(), m.groupdict(), read) for pattern, _, read in dates_module._RULES
                        for m in pattern.finditer(text, begin, end)]
            found = [(m.span(), m.groupdict(), read) for m, read in dates_module._rule_matches(text, begin, end)]
            assert found == expected, text
