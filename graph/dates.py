"""Find date expressions in news text and normalise them to calendar values.

Rule-based: regular expressions find the expressions, and spaCy DATE entities (``candidates``)
only vouch for the doubtful ones, a bare month name ("February sales") or a number that may
be a year. Each expression is resolved against an anchor date (the publication date, or a
caption's own date) at the precision the text gives: ``2017-12-07`` (day), ``2017-12``
(month) or ``2017`` (year).

Relative expressions take their direction from the verb cue nearest before them in their
clause (the sentence, or its part between semicolons; after them when none comes before):
"will", "is expected to", "may" point ahead; "said", "was", verbs in -ed point back; "since"
right before the date always points back. A past verb of saying ("said", "announced") dates
the statement: it points back only when the date hangs on it ("said on Monday", "On Monday,
officials said"); when the date is in what was said ("said the strike begins Oct. 16", "The
strike begins Oct. 16, the union said") it is "reported", and a reported clause with its own
verb in the present or after the date ("said the deadline is", "said that on March 3 the plant
will") takes that clause's cues. A weekday is the last one before the anchor, or the next one
ahead in a future clause, after "next"/"this"/"coming", or as a deadline ("by Friday", "until
Monday") that no past verb governs; it is the anchor itself when it is the anchor's weekday
("said Thursday" in a Thursday story). A month or "March 3" without a year is the last one not
after the anchor in a past clause, the next one not before it in a future clause, and with no
cue at all the one nearest the anchor (within half a year either way); a "reported" date is
the next one only when it is close (the following month, or within 31 days).

Left out, as they have no single calendar value: durations ("a year", "the past year"), vague
spans ("recent weeks", "now"), decades ("the 1990s"), weeks, times of day, seasons without a
year, ambiguous numeric dates ("07/12/2017") and short ranges such as "2010-11" (a fiscal
year or an ISO month: the text does not say which). "2009-2011" is two years. A modifier
keeps the containing unit: "mid-2010" and "the first quarter of 2010" are ``2010``, "early
June" is ``YYYY-06``, "October of next year" is one month.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from .model import DateMention, DateValue, Span

__all__ = ["find_dates", "parse_date"]

Tense = Literal["past", "future", "reported"]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_WEEKDAYS_BY_PREFIX = {name[:3]: number for name, number in _WEEKDAYS.items()}
_WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def _either_case(words: Iterable[str]) -> str:
    """An alternation of the words in Title and UPPER case, longest first."""
    forms = {form for word in words for form in (word.title(), word.upper())}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


# --- building blocks ------------------------------------------------------------------------

_MONTH_NAME = _either_case(_MONTHS)
_WEEKDAY_NAME = _either_case(_WEEKDAYS)
_MONTH = (
    rf"(?P<month>(?:{_MONTH_NAME})\b|(?:{_either_case(_MONTH_ABBREVIATIONS)})(?:\.|\b))"
)
_WEEKDAY_PREFIX = (
    rf"(?:(?P<weekday>{_WEEKDAY_NAME}|(?:{_either_case(_WEEKDAY_ABBREVIATIONS)})\b\.?)\s*,?\s+)?"
)
# a day number is not a time ("7:30"), a percentage, or the start of a bigger number ("10,000")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:%]|[.,]\d)"
_DAY_RANGE = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d)(?![\d:%]|[.,]\d))?"
_YEAR = r"(?P<year>[12]\d{3})(?![\d%]|[.,]\d)"
_COMMA = r"(?:\s*,\s*|\s+)"
# "early", "mid-", "the end of": the value keeps the unit they modify (month or year)
_MOD = (
    r"(?:(?:[Tt]he\s+)?(?:very\s+)?(?:beginning|start|end|middle|close)\s+of\s+"
    r"|(?:[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater|[Mm]id)(?:-|\s+)(?:in\s+)?)"
)
# parts of a year that have no calendar value of their own are reported as the year
_YEAR_MOD = (
    r"(?:(?:[Tt]he\s+)?(?:(?:first|second|third|fourth|final|last|latter)\s+(?:quarter|half)"
    r"|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|year)\s+(?:of\s+)?|Q[1-4]\s+|H[12]\s+)"
)
_BARE_YEAR = r"(?P<year>(?:19|20)\d{2})"
_NOT_IN_NUMBER_BEFORE = r"(?<![\w$€£¥#@/.,-])"
_NOT_IN_NUMBER_AFTER = r"(?![\w%]|[.,]\d|[-–/]\d)"


def _compile(pattern: str, *, fold_case: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if fold_case else 0)


_MONTH_DAY_YEAR = rf"\b{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}{_DAY_RANGE}{_COMMA}{_YEAR}"
_DAY_MONTH_YEAR = rf"\b{_WEEKDAY_PREFIX}{_DAY}(?:\s+of)?\s+{_MONTH}{_COMMA}{_YEAR}"
_ISO = (
    r"(?<![\d.-])(?P<year>[12]\d{3})(?P<sep>[-/])(?P<month>[01]\d)(?P=sep)(?P<day>[0-3]\d)"
    r"(?!\d)"
)
_NUMERIC = (
    r"(?<![\d./-])(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?!\d|[./-]\d)"
)


# --- small date arithmetic --------------------------------------------------------------------


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _day_value(day: datetime.date) -> DateValue:
    return DateValue(day.isoformat(), "day")


def _month_value(year: int, month: int) -> DateValue | None:
    if not 1 <= month <= 12 or not 1000 <= year <= 2999:
        return None
    return DateValue(f"{year:04d}-{month:02d}", "month")


def _year_value(year: int) -> DateValue | None:
    return DateValue(f"{year:04d}", "year") if 1000 <= year <= 2999 else None


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


def _two_digit_year(year: str) -> int:
    value = int(year)
    if len(year) == 4:
        return value
    return 2000 + value if value < 70 else 1900 + value


# --- absolute dates -------------------------------------------------------------------------


def _full_date(match: re.Match[str]) -> DateValue | None:
    """A day (or, for "June 1-3, 2009", the month that holds the range) with its year."""
    year, month, day = int(match["year"]), _month_number(match["month"]), int(match["day"])
    if _date(year, month, day) is None:
        return None
    last = match.groupdict().get("day2")
    if last:
        return _month_value(year, month) if _date(year, month, int(last)) and int(last) > day else None
    return _day_value(datetime.date(year, month, day))


def _iso_date(match: re.Match[str]) -> DateValue | None:
    day = _date(int(match["year"]), int(match["month"]), int(match["day"]))
    return _day_value(day) if day else None


def _numeric_date(match: re.Match[str]) -> DateValue | None:
    """Only the unambiguous forms: one part above 12 is the day, or both parts are equal."""
    first, second = int(match["first"]), int(match["second"])
    if match["sep"] == "." and len(match["year"]) == 2:
        return None  # "1.2.12" is a version number more often than a date
    if first > 12 >= second or first == second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    found = _date(_two_digit_year(match["year"]), month, day)
    return _day_value(found) if found else None


_ABSOLUTE_READERS: tuple[tuple[str, Callable[[re.Match[str]], DateValue | None]], ...] = (
    (_MONTH_DAY_YEAR, _full_date),
    (_DAY_MONTH_YEAR, _full_date),
    (_ISO, _iso_date),
    (_NUMERIC, _numeric_date),
)
_PARSERS = tuple((_compile(p, fold_case=True), read) for p, read in _ABSOLUTE_READERS)


def parse_date(text: str) -> DateValue | None:
    """A standalone absolute date such as a dateline or byline date.

    Accepts "December 7th, 2017", "Dec. 7, 2017", "7 December 2017", "2017-12-07",
    "Thursday, December 7, 2017 10:22 AM EST", "Updated 3:04 PM ET, Thu December 7, 2017" and
    unambiguous numeric dates ("12/25/2017"); surrounding words are ignored. None when the
    text holds no full date (day, month and year), or only an ambiguous one ("07/12/2017").
    """
    found: list[tuple[int, DateValue]] = []
    for pattern, read in _PARSERS:
        for match in pattern.finditer(text):
            if (value := read(match)) is not None and value.precision == "day":
                found.append((match.start(), value))
                break
    return min(found, key=lambda item: item[0])[1] if found else None


# --- context: sentence, tense, hints ----------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col sgt capt gov sen rep st jr sr inc corp co ltd no vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n".split()
)
_BOUNDARY = re.compile(r"[.!?]['\"”’)]*\s+(?=['\"“‘(]?[A-Z0-9])|\n")
_FUTURE_CUES = re.compile(
    r"\b(?:[Ww]ill|[Ss]hall|[Ww]ould|[Ww]on[’']t|going\s+to|expects?\s+to|expected\s+to"
    r"|(?:plans?|planning|planned|intends?|aims?|wants?|needs?|hopes?|seeks?|is|are)\s+to"
    r"|planned\s+for|set\s+to|slated|scheduled|expected|anticipated|upcoming|forthcoming"
    r"|to\s+be\s+held"
    r"|due(?!\s+to\s+(?:the|a|an|its|their|his|her|this|that)\b)"
    r"|(?:[Ss]hould|[Cc]ould|may|[Mm]ight|[Mm]ust|[Cc]an)(?!\s+(?:not\s+)?have\b))\b|'ll\b"
)
_PAST_CUES = re.compile(
    r"\b(?:[Ww]as|[Ww]ere|had|did|ago|said|told|made|came|took|began|met|won|lost|sold|bought"
    r"|gave|went|saw|left|held|fell|rose|led|brought|built|became|fought|found|got|kept|paid"
    r"|ran|sent|spent|stood|struck|wrote|spoke|chose|drove|flew|grew|knew|sought|taught|threw"
    r"|withdrew|broke|caught|hid|laid|meant|overtook|sank|shook|stole|swore|tore|underwent"
    r"|woke|wore|[a-z]{2,}ed)\b"
)
# A participle says nothing of time after a present, future or perfect auxiliary ("is
# reported", "will be delivered", "will have been sold"), a present linking verb ("stays
# closed") or as an adjective ("the planned stop").
_NOT_A_PAST_VERB_BEFORE = re.compile(
    r"\b(?:is|are|am|be|being|been|has|have|having|'s|'re|'ve|remains?|stays?|seems?|appears?|gets?"
    r"|the|a|an|its|their|his|her|our|your|this|that|these|those)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_NOT_PAST = frozenset(
    "need indeed speed seed feed weed breed proceed succeed exceed hundred bed red shed "
    "based related limited advanced detailed interested concerned unprecedented".split()
)
# Past verbs of saying and thinking: their tense is the statement's, not that of what was said.
_REPORTING_VERBS = frozenset(
    "said told wrote announced reported added stated noted explained confirmed warned claimed "
    "insisted argued revealed disclosed declared indicated suggested estimated predicted believed "
    "promised pledged vowed acknowledged admitted assured stressed emphasised emphasized maintained "
    "cautioned projected alleged asserted contended testified reiterated signaled signalled conceded "
    "learned informed advised notified hinted".split()
)
# What may stand between a reporting verb and the date it governs: "said on", "said late",
# "said in a statement on", "told reporters on", "announced on a conference call on".
_TO_THE_STATEMENT = re.compile(
    r"[\s,]*(?:(?:on|in|at|late|early|earlier|later|from|during|as\s+of"
    r"|(?:to\s+)?(?:reporters|journalists|analysts|investors|lawmakers|the\s+(?:press|media))"
    r"|(?:in|at|during|via|to|through|on)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|release|conference|briefing|call|e-?mail|letter|memo|filing|speech)s?"
    r")\b[\s,]*)*",
    re.IGNORECASE,
)
# A reported clause that opens with the date: "said that on March 3 ..."
_CLAUSE_OPENS_AT_DATE = re.compile(
    r"\bthat[\s,]+(?:(?:on|in|at|by|from|until|till|before|after|during|starting|beginning)\s+)?$"
)
# A verb in the present in a reported clause: "said the deadline is", "said it begins".
_PRESENT_VERB = re.compile(
    r"\b(?:is|are|am|isn[’']t|aren[’']t|remains?|(?:it|he|she|there|that)[’']s"
    r"|(?:it|he|she)\s+(?:\w+ly\s+)?(?!(?:has|was|does|is)\b)[a-z]+[^\Ws]s)\b"
)
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")
# What may open a clause before a date that the clause's verb then governs: "On", "Earlier, on",
# "In a"
_CLAUSE_LEAD = re.compile(
    r"[\s,\"“‘'(]*(?:(?:[Oo]n|[Ii]n|[Aa]t|[Bb]y|[Dd]uring|[Ll]ate|[Ee]arly|[Ee]arlier|[Ll]ater|[Tt]hen"
    r"|[Aa]nd|[Bb]ut|[Ss]o|[Aa]lso|a|an|the|[A-Z]?[a-z]+ly)\b[\s,]*)*"
)


@dataclass(frozen=True)
class _Context:
    text: str
    anchor: datetime.date | None
    hints: tuple[Span, ...]

    def hinted(self, start: int, end: int) -> bool:
        """Whether spaCy also saw a date here."""
        return any(hint.start < end and start < hint.end for hint in self.hints)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around ``[start, end)``, looking at most 400 characters out."""
    left, right = max(0, start - 400), min(len(text), end + 400)
    begin = left
    # the boundary's lookahead must see the expression's first character
    for boundary in _BOUNDARY.finditer(text, left, min(len(text), start + 2)):
        if boundary.end() <= start and not _after_abbreviation(text, boundary.start()):
            begin = boundary.end()
    finish = right
    for boundary in _BOUNDARY.finditer(text, end, right):
        if not _after_abbreviation(text, boundary.start()):
            finish = boundary.start()
            break
    return begin, finish


def _after_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12) : dot])
    return word is not None and (
        word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1)) is not None
    )


def _tense(text: str, start: int, end: int) -> Tense | None:
    """The tense of the verb cue nearest before ``[start, end)`` in its clause, else after.

    The verb that governs a date adverbial mostly comes before it ("will arrive on November
    11, later than planned"), so a cue after the date only counts when none comes before. The
    clause is the sentence, or its part between semicolons ("Workers voted; the strike begins
    Oct. 16"). "since" before the date always points back ("closed since March 3").

    A reporting verb in the past ("said", "told", "announced") dates the statement, not what
    was said. It is the date's tense ("past") only when the date hangs on it ("said on
    Monday", "announced Friday", "said in a statement on Monday", "..., officials on Monday
    said"). When the reported clause has a verb of its own that the cues cannot read, a present
    ("said the deadline is Oct. 16", "said it begins") or one after the date ("said that on
    March 3 the plant will close"), the cues of that clause decide, after the date or none.
    Otherwise ("said the strike begins Oct. 16", "Oct. 16, the union said") it is "reported": a
    past statement about a date that may lie ahead.
    """
    if _SINCE_BEFORE.search(text, max(0, start - 12), start):
        return "past"
    begin, finish = _clause(text, start, end)
    before: list[tuple[int, Tense, re.Match[str]]] = []
    after: list[tuple[int, Tense, re.Match[str]]] = []
    for cue, tense in _cues(text, begin, finish):
        if cue.end() <= start:
            before.append((start - cue.end(), tense, cue))
        elif cue.start() >= end:
            after.append((cue.start() - end, tense, cue))
    if before:
        _, tense, cue = min(before, key=lambda item: item[0])
        if tense == "future" or cue.group().lower() not in _REPORTING_VERBS:
            return tense
        gap = text[cue.end() : start]
        if _TO_THE_STATEMENT.fullmatch(gap):
            return "past"  # "said on Monday", "said in a statement on Monday"
        if not (_CLAUSE_OPENS_AT_DATE.search(gap) or _PRESENT_VERB.search(gap)):
            return "reported"
        # the date is in a reported clause with a verb of its own: the cues after it decide
    if not after:
        return None
    _, tense, cue = min(after, key=lambda item: item[0])
    if tense == "past" and cue.group().lower() in _REPORTING_VERBS:
        # "On Monday, the ministry said" and "the ministry on Monday said" date the statement;
        # in "The strike begins Oct. 16, the union said" the date is what was said
        opens = _CLAUSE_LEAD.fullmatch(text, begin, start) is not None
        return "past" if opens or re.fullmatch(r"[\s,]*", text[end : cue.start()]) else "reported"
    return tense


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, cut at the semicolons on either side."""
    begin, finish = _sentence(text, start, end)
    semicolon = text.rfind(";", begin, start)
    if semicolon >= 0:
        begin = semicolon + 1
    semicolon = text.find(";", end, finish)
    if semicolon >= 0:
        finish = semicolon
    return begin, finish


def _cues(text: str, begin: int, finish: int) -> list[tuple[re.Match[str], Tense]]:
    future: list[tuple[re.Match[str], Tense]] = [
        (cue, "future") for cue in _FUTURE_CUES.finditer(text, begin, finish)
    ]
    taken = [cue.span() for cue, _ in future]
    past: list[tuple[re.Match[str], Tense]] = []
    for cue in _PAST_CUES.finditer(text, begin, finish):
        if cue.group() in _NOT_PAST or any(s <= cue.start() < e for s, e in taken):
            continue  # "expected to", "scheduled" are future cues, not past verbs
        if _NOT_A_PAST_VERB_BEFORE.search(text, max(begin, cue.start() - 30), cue.start()):
            continue
        past.append((cue, "past"))
    return future + past


# --- resolving relative expressions -----------------------------------------------------------


def _year_of_month(anchor: datetime.date, month: int, tense: Tense | None) -> int:
    """The year of a month named without one.

    The last one (the anchor's own month included) in the past, the next one in the future.
    Without a tense cue, the one nearest the anchor: up to five months ahead, else behind (six
    months either way is the one behind). A "reported" past statement keeps the last one
    unless the next one is the following month.
    """
    ahead = (month - anchor.month) % 12  # months from the anchor's month to the next one
    if ahead == 0:
        return anchor.year
    past = anchor.year if month < anchor.month else anchor.year - 1
    future = anchor.year if month > anchor.month else anchor.year + 1
    if tense == "future":
        return future
    if tense is None:
        return future if ahead < 6 else past
    if tense == "reported":
        return future if ahead == 1 else past
    return past


def _year_of_day(anchor: datetime.date, month: int, day: int, tense: Tense | None) -> int:
    """The year of "March 3": as for months, to the day.

    Without a tense cue, the one nearest the anchor (within half a year either way, the one
    behind on a tie); a "reported" past statement takes the next one only within 31 days.
    """
    past_year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    future_year = anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1
    if tense == "future" or future_year == past_year:
        return future_year
    if tense == "past":
        return past_year
    ahead, behind = _date(future_year, month, day), _date(past_year, month, day)
    if ahead is None or behind is None:  # February 29: the year that has one
        return past_year if ahead is None else future_year
    if tense is None:
        return future_year if (ahead - anchor).days < (anchor - behind).days else past_year
    return future_year if (ahead - anchor).days <= 31 else past_year  # "reported"


_DEADLINE_BEFORE = re.compile(r"\b(?:[Bb]y|[Uu]ntil|[Tt]ill|[Bb]efore)\s+$")


def _weekday_date(anchor: datetime.date, weekday: int, relation: str | None,
                  tense: Tense | None, deadline: bool = False) -> datetime.date:
    """The weekday's date: the last one, or the next one after "next", "this", "coming", in a
    future clause, or as a deadline ("by Friday", "until Monday") that no past verb governs.

    Same weekday as the anchor is the anchor itself, as in "said Thursday" in a Thursday story.
    """
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    said = tense in ("past", "reported")
    if relation == "last" or relation == "past":
        return anchor - datetime.timedelta(days=back or 7)
    if relation == "next":
        return anchor + datetime.timedelta(days=forward or 7)
    if relation == "coming" or (relation == "this" and not said) or tense == "future":
        return anchor + datetime.timedelta(days=forward)
    if deadline and tense != "past":
        return anchor + datetime.timedelta(days=forward)
    return anchor - datetime.timedelta(days=back)


# --- rules --------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], _Context], "DateMention | None"]


def _mention(match: re.Match[str], value: DateValue | None) -> DateMention | None:
    if value is None:
        return None
    start, end = match.span()
    while start < end and match.string[start] in " \t\n,;:()\"'":
        start += 1
    while end > start and match.string[end - 1] in " \t\n,;:()\"'":
        end -= 1
    return DateMention(Span(start, end), value)


def _relation(match: re.Match[str]) -> str | None:
    relation = match.groupdict().get("rel")
    return relation.lower() if relation else None


def _on_full_date(match: re.Match[str], ctx: _Context) -> DateMention | None:
    return _mention(match, _full_date(match))


def _on_iso(match: re.Match[str], ctx: _Context) -> DateMention | None:
    return _mention(match, _iso_date(match))


def _on_numeric(match: re.Match[str], ctx: _Context) -> DateMention | None:
    return _mention(match, _numeric_date(match))


def _on_month_day(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    year = _year_of_day(ctx.anchor, month, day, _tense(ctx.text, *match.span()))
    if match["weekday"]:
        year = _year_matching_weekday(year, month, day, match["weekday"])
    if _date(year, month, day) is None:
        return None
    last = match.groupdict().get("day2")
    if last:
        valid = _date(year, month, int(last)) is not None and int(last) > day
        return _mention(match, _month_value(year, month) if valid else None)
    return _mention(match, _day_value(datetime.date(year, month, day)))


def _year_matching_weekday(year: int, month: int, day: int, weekday: str) -> int:
    """"Friday, Sept. 15" names its year by the weekday when the guessed one does not fit."""
    key = weekday.lower().rstrip(".")
    number = _WEEKDAYS.get(key, _WEEKDAYS_BY_PREFIX.get(key[:3]))
    for candidate in (year, year - 1, year + 1):
        found = _date(candidate, month, day)
        if found is not None and found.weekday() == number:
            return candidate
    return year


def _on_month_year(match: re.Match[str], ctx: _Context) -> DateMention | None:
    return _mention(match, _month_value(int(match["year"]), _month_number(match["month"])))


def _on_month_relative_year(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[_relation(match) or "this"]
    return _mention(match, _month_value(ctx.anchor.year + shift, _month_number(match["month"])))


_MONTH_CUE = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Dd]uring|[Ff]rom"
    r"|[Bb]efore|[Aa]fter|[Bb]etween|of|for|[Aa]round|[Ee]arly|[Ll]ate|[Mm]id)\s+"
    rf"|(?:{_MONTH_NAME})\s*(?:,|and|or|to|through|until|till|-|–)\s*)$"
)


def _on_bare_month(match: re.Match[str], ctx: _Context) -> DateMention | None:
    """A month name alone is a date only after a cue ("in March") or where spaCy saw a date."""
    if ctx.anchor is None:
        return None
    start = match.start("month")
    cued = match["mod"] or _MONTH_CUE.search(ctx.text, max(0, start - 24), start)
    if not cued and not ctx.hinted(start, match.end()):
        return None  # "Theresa May", "March" as a verb
    if _HABITUAL.search(ctx.text, max(0, start - 60), start) and not match["mod"]:
        return None  # "we'd normally expect in April or May": any year's April, no calendar month
    month = _month_number(match["month"])
    year = _year_of_month(ctx.anchor, month, _tense(ctx.text, *match.span()))
    return _mention(match, _month_value(year, month))


# Words that make a month any year's: "usually in March", "every June", "typically in May or June".
_HABITUAL = re.compile(
    r"\b(?:normally|usually|typically|generally|traditionally|customarily|routinely|often|always|"
    r"every|each|annual(?:ly)?|seasonal(?:ly)?|tends? to)\b[^.;:!?,]*$",
    re.IGNORECASE,
)


def _on_relative_month_name(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    month, relation = _month_number(match["month"]), _relation(match)
    if relation == "last":
        year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
    elif relation == "next":
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    else:
        year = ctx.anchor.year
    return _mention(match, _month_value(year, month))


_NOT_A_DAY_BEFORE = re.compile(
    r"(?:\b(?:Black|Good|Super|Cyber|Ash|Palm|Holy|Maundy|Easter|Bloody|Giving|Shrove)"
    r"|\bMail\s+on)\s+$"
)
_NOT_A_DAY_AFTER = re.compile(
    r"^\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Mail|Independent|Star|Tribune|Sport"
    r"|Night\s+(?:Live|Football))\b"
)


def _on_weekday(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    before = ctx.text[max(0, match.start() - 20) : match.start()]
    after = ctx.text[match.end() : match.end() + 30]
    if _NOT_A_DAY_BEFORE.search(before) or _NOT_A_DAY_AFTER.match(after):
        return None  # "Black Friday", "the Sunday Times"
    weekday = _WEEKDAYS[match["weekday"].lower()]
    # "by Friday", "until Monday" (not "by Monday's storm"): a deadline
    deadline = (_DEADLINE_BEFORE.search(before) is not None and match["rel"] is None
                and not re.match(r"['’]s\b", after))
    day = _weekday_date(ctx.anchor, weekday, _relation(match), _tense(ctx.text, *match.span()), deadline)
    return _mention(match, _day_value(day))


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _on_relative_day(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    word = match["word"]
    if word[0].isupper() and not word.isupper() and _is_title(ctx.text, match.start("word"), match.end()):
        return None  # "USA Today", "the Today show"
    if word.lower() == "tomorrow" and ctx.text[: match.start()].endswith("of "):
        return None  # "the cars of tomorrow": the future in general
    shift = _RELATIVE_DAYS[word.lower()]
    return _mention(match, _day_value(ctx.anchor + datetime.timedelta(days=shift)))


def _is_title(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word is part of a name rather than the start of a sentence."""
    before = text[max(0, start - 30) : start]
    if re.search(r"\b(?:show|programme|program|Show|Programme)\b", text[end : end + 12]):
        return True
    return re.search(r"\b[A-Z][\w&-]*[ \t]+$", before) is not None


def _on_part_of_day(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    if match["rel"].lower() == "last" and match["part"] not in ("night", "evening"):
        return None
    shift = -1 if match["rel"].lower() == "last" else 0
    return _mention(match, _day_value(ctx.anchor + datetime.timedelta(days=shift)))


def _on_day_around(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    shift = -2 if match["dir"].startswith("before") else 2
    return _mention(match, _day_value(ctx.anchor + datetime.timedelta(days=shift)))


def _on_relative_unit(match: re.Match[str], ctx: _Context) -> DateMention | None:
    """"last month", "this year", "later this year", "the end of next year"."""
    if ctx.anchor is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[_relation(match) or "this"]
    if match["unit"] == "year":
        return _mention(match, _year_value(ctx.anchor.year + shift))
    return _mention(match, _month_value(*_add_months(ctx.anchor.year, ctx.anchor.month, shift)))


def _on_part_of_current(match: re.Match[str], ctx: _Context) -> DateMention | None:
    """"the end of the year", "earlier in the month": the current one in news."""
    if ctx.anchor is None:
        return None
    if match["unit"] == "year":
        return _mention(match, _year_value(ctx.anchor.year))
    return _mention(match, _month_value(ctx.anchor.year, ctx.anchor.month))


def _on_ago(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if ctx.anchor is None:
        return None
    word = match["n"].lower()
    count = int(word) if word.isdigit() else _SMALL_NUMBERS[word]
    unit = match["unit"]
    if unit == "year":
        return _mention(match, _year_value(ctx.anchor.year - count))
    if unit == "month":
        return _mention(match, _month_value(*_add_months(ctx.anchor.year, ctx.anchor.month, -count)))
    return _mention(match, _day_value(ctx.anchor - datetime.timedelta(days=count)))


# --- bare years ----------------------------------------------------------------------------------

_MONEY_BEFORE = re.compile(
    r"(?:[$€£¥#]|\b(?:USD|EUR|GBP|JPY|CHF|CNY|RMB|INR|AUD|CAD|Rs\.?))\s*$"
)
_NUMBER_LABEL_BEFORE = re.compile(
    r"\b(?:No\.?|[Nn]o\.|[Nn]umber|[Nn]os?\.|[Ff]light|[Rr]oute|[Rr]oom|[Hh]ighway|[Pp]age|pp?\."
    r"|[Ss]ection|[Aa]rticle|[Cc]hapter|[Rr]esolution|[Bb]ill|[Ss]eat|[Gg]ate|[Pp]latform|[Bb]us"
    r"|[Ee]xt\.?|[Cc]ode|[Bb]ox|[Ss]uite|[Uu]nit|[Ff]iscal(?:\s+year)?|FY|[Ff]inancial\s+year)\s*$"
)
_QUANTITY_BEFORE = re.compile(
    r"\b(?:about|around|approximately|approx\.|roughly|nearly|almost|some|more\s+than"
    r"|less\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|total\s+of|number\s+of|estimated"
    r"|exactly|another|additional|extra|at)\s*$",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:%|percent|per\s*cent|GMT|UTC|[A-Z][DS]T\b|hrs?\b|hours\b|local\s+time|[-–]year[-–]old)"
    r"|\s+(?:people|persons|jobs|workers|employees|staff|members|troops|soldiers|police|officers"
    r"|fighters|militants|civilians|refugees|migrants|students|children|families|residents"
    r"|patients|cases|deaths|victims|casualties|units|vehicles|cars|trucks|planes|aircraft|jets"
    r"|ships|homes|houses|buildings|shares|votes|seats|points|miles|kilometres|kilometers|km"
    r"|metres|meters|feet|tons|tonnes|barrels|acres|hectares|dollars|euros|pounds|yen|francs"
    r"|rupees|yuan|words|pages|copies|items|products|stores|shops|branches|plants|factories"
    r"|dealers|dealerships|customers|users|subscribers|visitors|passengers|flights|rooms|beds"
    r"|times|positions|posts|signatures|protesters|demonstrators|delegates|participants"
    r"|years|months|weeks|days|minutes|seconds"
    r"|million|billion|bn|m)\b)"
)
_YEAR_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|from|to|during|before|after|between|and|or|of|for"
    r"|circa|the|its|his|her|their|our|this|that|early|late|mid)\s+|'s\s+|mid-)$",
    re.IGNORECASE,
)
_DECADE_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:early|mid|late)(?:-|\s+))?$")
_PLURAL_AFTER = re.compile(r"^\s+[a-z]*[^\Wsiu]s\b")  # not "census", "crisis", "business"
_VERBS_IN_S = frozenset(
    "was has is does sees marks remains becomes brings looks promises begins saw seems "
    "represents means comes goes starts ends follows".split()
)


def _is_year(text: str, start: int, end: int, ctx: _Context) -> bool:
    """Whether a number from 1900 to 2099 is a year rather than an amount or a label."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if _MONEY_BEFORE.search(before) or _NUMBER_LABEL_BEFORE.search(before):
        return False
    if re.search(r"\d[\s.-]$", before) or re.match(r"^[\s.-]\d{2,}", after):
        return False  # a group of a telephone or reference number: "202 555 2012"
    if _COUNT_AFTER.match(after):
        return False
    if text[end - 1] == "0" and re.match(r"^['’]s\b", after) and _DECADE_BEFORE.search(before):
        return False  # "the 1990's", "the late 1980's": a decade
    if ctx.hinted(start, end):
        return True
    if _QUANTITY_BEFORE.search(before):
        return False
    # "cut 2010 positions" is a count; "in 2010 sales rose" and "the 2010 elections" are years
    plural = _PLURAL_AFTER.match(after)
    return not plural or plural.group().split()[0] in _VERBS_IN_S or bool(_YEAR_CUE_BEFORE.search(before))


def _on_year(match: re.Match[str], ctx: _Context) -> DateMention | None:
    if not _is_year(ctx.text, match.start("year"), match.end("year"), ctx):
        return None
    return _mention(match, _year_value(int(match["year"])))


def _on_year_range(match: re.Match[str], ctx: _Context) -> list[DateMention]:
    """"2009-2011" is two years; each end is a date of its own."""
    first, second = int(match["first"]), int(match["second"])
    if first >= second or not _is_year(ctx.text, match.start("first"), match.end("second"), ctx):
        return []
    return [
        DateMention(Span(*match.span("first")), DateValue(str(first), "year")),
        DateMention(Span(*match.span("second")), DateValue(str(second), "year")),
    ]


def _single(handler: Handler) -> Callable[[re.Match[str], _Context], list[DateMention]]:
    def run(match: re.Match[str], ctx: _Context) -> list[DateMention]:
        found = handler(match, ctx)
        return [found] if found is not None else []

    return run


# --- where a rule's match may begin ------------------------------------------------------------
# Most rules open with \b, a lookbehind or an optional group, so ``re`` cannot skip ahead to a
# likely first character: it tried the whole pattern at every position of the text, which was
# most of the time of this module. So each rule also has its "starts", a pattern that matches
# wherever one of its matches may begin, and is tried only there (``_matches``). Every branch
# of the starts begins with a literal character, so that ``re`` scans for those characters
# (one led by a class or an optional part turns that scan off); a common word ("the", "a", a
# digit) goes on with what must follow it, or it would be tried in every sentence. Editing a
# rule's pattern means checking its starts: ``tests/test_dates.py`` compares both ways.

_MONTH_STARTS = _either_case(name[:3] for name in _MONTHS)  # "Sept", "SEPT." begin so too
_WEEKDAY_STARTS = _either_case(name[:3] for name in _WEEKDAYS)  # and "Tues", "Thurs"
_RELATIONS = "Last|last|This|this|Next|next"


def _led(heads: Iterable[str], rest: str = "") -> str:
    """Branches that each begin with one of ``heads`` (literals), then ``rest``."""
    return "|".join(head + rest for head in heads)


_THE = ("The", "the")
_DIGITS = tuple("0123456789")  # the ASCII digits only: see _rule_matches
_MOD_STARTS = "|".join((
    _led(_THE, r"\s+(?:very\s+)?(?:beginning|start|end|middle|close)\s"),
    _led(("very", "beginning", "start", "end", "middle", "close"), r"\s"),
    "Earl|earl|Late|late|Mid|mid",
))
_YEAR_MOD_STARTS = "|".join((
    _led(_THE, r"\s+(?:first|second|third|fourth|final|last|latter|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all"
               r"|[Ww]inter|year)"),
    _led(("first", "second", "third", "fourth", "final", "last", "latter"), r"\s"),
    "Spring|spring|Summer|summer|Autumn|autumn|Fall|fall|Winter|winter|year|Q1|Q2|Q3|Q4|H1|H2",
))
_DAY_MONTH_STARTS = _led(_DIGITS, rf"\d?(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTH_STARTS})")
_COUNT_STARTS = _led(
    (*(form for word in _SMALL_NUMBERS for form in (word.title(), word)), *(d + r"\d{0,2}" for d in _DIGITS)),
    r"\s+(?:year|month|day)",
)

Reader = Callable[[re.Match[str], _Context], list[DateMention]]


def _rule(pattern: str, starts: str, read: Reader) -> tuple[re.Pattern[str], re.Pattern[str], Reader]:
    return _compile(pattern), re.compile(starts), read


_RULES: tuple[tuple[re.Pattern[str], re.Pattern[str], Reader], ...] = (
    _rule(_MONTH_DAY_YEAR, f"{_WEEKDAY_STARTS}|{_MONTH_STARTS}", _single(_on_full_date)),
    _rule(_DAY_MONTH_YEAR, f"{_WEEKDAY_STARTS}|{_DAY_MONTH_STARTS}", _single(_on_full_date)),
    _rule(_ISO, _led("12", r"\d\d\d[-/]"), _single(_on_iso)),
    _rule(_NUMERIC, _led(_DIGITS, r"\d?[/.-]"), _single(_on_numeric)),
    _rule(rf"\b{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}{_DAY_RANGE}", f"{_WEEKDAY_STARTS}|{_MONTH_STARTS}",
          _single(_on_month_day)),
    _rule(rf"\b{_WEEKDAY_PREFIX}{_DAY}(?:\s+of)?\s+{_MONTH}", f"{_WEEKDAY_STARTS}|{_DAY_MONTH_STARTS}",
          _single(_on_month_day)),
    _rule(rf"\b{_MOD}?{_MONTH}(?:\s*,\s*|\s+of\s+|\s+){_YEAR}", f"{_MOD_STARTS}|{_MONTH_STARTS}",
          _single(_on_month_year)),
    _rule(rf"\b{_MOD}?{_MONTH}(?:\s*,)?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b",
          f"{_MOD_STARTS}|{_MONTH_STARTS}", _single(_on_month_relative_year)),
    _rule(rf"\b(?P<mod>{_MOD})?(?P<month>{_MONTH_NAME})\b(?!-)", f"{_MOD_STARTS}|{_MONTH_STARTS}",
          _single(_on_bare_month)),
    _rule(rf"(?<![Tt]he )\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<month>{_MONTH_NAME})\b", _RELATIONS,
          _single(_on_relative_month_name)),
    _rule(
        r"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Cc]oming)\s+)?"
        rf"(?P<weekday>{_WEEKDAY_NAME})\b(?:\s+(?:morning|afternoon|evening|night))?",
        f"{_RELATIONS}|Past|past|Coming|coming|{_WEEKDAY_STARTS}",
        _single(_on_weekday),
    ),
    _rule(
        r"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?"
        r"(?P<word>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|TODAY|TONIGHT|YESTERDAY|TOMORROW)"
        r"\b(?:\s+(?:morning|afternoon|evening|night))?",
        "Earlier|earlier|Later|later|Today|today|Tonight|tonight|Yesterday|yesterday|Tomorrow|tomorrow"
        "|TODAY|TONIGHT|YESTERDAY|TOMORROW",
        _single(_on_relative_day),
    ),
    _rule(r"\b(?P<rel>[Tt]his|[Ll]ast)\s+(?P<part>morning|afternoon|evening|night)\b", "This|this|Last|last",
          _single(_on_part_of_day)),
    _rule(r"\b[Tt]he\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)\b", _led(_THE, r"\s+day\s"),
          _single(_on_day_around)),
    _rule(
        rf"\b{_MOD}?(?<![Tt]he )(?<![Pp]ast )(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>month|year)\b",
        f"{_MOD_STARTS}|{_RELATIONS}",
        _single(_on_relative_unit),
    ),
    _rule(
        r"\b(?:(?:[Tt]he\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|rest|remainder)"
        r"\s+of|(?:[Ee]arlier|[Ll]ater)\s+in)\s+the\s+(?P<unit>year|month)\b",
        "|".join((
            _led(_THE, r"\s+(?:very\s+)?(?:beginning|start|end|middle|close|rest|remainder)\s"),
            _led(("very", "beginning", "start", "end", "middle", "close", "rest", "remainder"), r"\s"),
            "Earlier|earlier|Later|later",
        )),
        _single(_on_part_of_current),
    ),
    _rule(
        r"\b(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight"
        r"|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|\d{1,3})\s+(?P<unit>year|month|day)s?\s+ago\b",
        _COUNT_STARTS,
        _single(_on_ago),
    ),
    _rule(
        rf"{_NOT_IN_NUMBER_BEFORE}(?P<first>(?:19|20)\d{{2}})\s*[-–—]\s*"
        rf"(?P<second>(?:19|20)\d{{2}}){_NOT_IN_NUMBER_AFTER}",
        "19|20",
        _on_year_range,
    ),
    _rule(
        rf"{_NOT_IN_NUMBER_BEFORE}(?:{_MOD}|{_YEAR_MOD})?{_BARE_YEAR}{_NOT_IN_NUMBER_AFTER}",
        f"{_MOD_STARTS}|{_YEAR_MOD_STARTS}|19|20",
        _single(_on_year),
    ),
)


_OTHER_DIGIT = re.compile(r"[^\D0-9]")


def _matches(pattern: re.Pattern[str], starts: re.Pattern[str], text: str, begin: int,
             end: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, begin, end)``, trying ``pattern`` only where ``starts`` finds
    one of its possible beginnings (its matches are never empty, so each search goes on from
    the end of the last match, as ``finditer`` does)."""
    at = begin
    while (hit := starts.search(text, at, end)) is not None:
        match = pattern.match(text, hit.start(), end)
        if match is None:
            at = hit.start() + 1
        else:
            yield match
            at = match.end()


def _select(found: Iterable[DateMention]) -> list[DateMention]:
    """Keep the longest expressions where they overlap, in text order."""
    chosen: list[DateMention] = []
    for mention in sorted(set(found), key=lambda m: (m.span.start - m.span.end, m.span.start)):
        if not any(mention.span.overlaps(kept.span) for kept in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.span)


def find_dates(text: str, regions: Sequence[Span], anchor: datetime.date | None,
               candidates: Sequence[Span] = ()) -> list[DateMention]:
    """Every date expression inside ``regions`` (spans of ``text``) that has a calendar value.

    ``anchor`` resolves relative expressions ("Friday", "last month", "March 3"); with None
    only absolute ones are returned. ``candidates`` are spaCy DATE entity spans: they vouch
    for a bare month name or a number that may be a year, nothing more. The result is sorted
    and non-overlapping; each span is the trimmed expression.
    """
    ctx = _Context(text, anchor, tuple(candidates))
    found: list[DateMention] = []
    for region in regions:
        for match, handle in _rule_matches(text, region.start, region.end):
            found.extend(m for m in handle(match, ctx) if m.span in region and m.span.start < m.span.end)
    return _select(found)


def _rule_matches(text: str, begin: int, end: int) -> Iterator[tuple[re.Match[str], Reader]]:
    """Each rule's matches in ``text[begin:end]`` (as its ``finditer`` finds them), rule by rule."""
    # the starts name ASCII digits only: a region with other decimal digits ("٢٠١٧"), which
    # ``\d`` matches as well, is scanned the slow way
    slow = _OTHER_DIGIT.search(text, begin, end) is not None
    for pattern, starts, read in _RULES:
        matches = pattern.finditer(text, begin, end) if slow else _matches(pattern, starts, text, begin, end)
        for match in matches:
            yield match, read
