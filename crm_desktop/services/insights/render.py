"""Sentences as keys and numbers, and how they become text (:func:`render`).

    s = Sentence("reason:no_order_days", (140,))
    english(s, "USD")                      # "no order for 140 days" (the command line)
    render(s, translate, formats)          # the UI: translated, numbers in the user's locale

A :class:`Sentence` is small and plain (it crosses from the background process and is stored
as JSON: :func:`to_json` / :func:`to_list`). Rows of result tables carry their reasons as
codes (:mod:`.reason_book`), put into sentences only for the rows someone reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from crm_desktop.services.insights import phrasebook
from crm_desktop.services.money import currency_symbol

Arg = float | int | str
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_NUMBERED = re.compile(r"^(?P<key>[a-z_]+?)_(?P<n>\d+)$")


@dataclass(frozen=True)
class Sentence:
    """``key`` = "group:name" of :mod:`.phrasebook`; ``args`` fill its placeholders."""

    key: str
    args: tuple[Arg, ...] = ()


class Formats(Protocol):
    """How the numbers of a sentence are shown (English here; the user's locale in the UI)."""

    def count(self, value: int) -> str: ...
    def number(self, value: float, decimals: int) -> str: ...
    def money(self, value: float) -> str: ...
    def percent(self, share: float) -> str: ...
    def date(self, text: str) -> str: ...


def percent_decimals(share: float) -> int:
    """Whole percents from 10% on, one decimal below (8.4%, 0.6%)."""
    return 0 if share == 0 or abs(share) >= 0.1 else 1


def money_decimals(value: float) -> int:
    """Cents below 1,000; whole amounts from there on ($412,000)."""
    return 2 if abs(value) < 1000 else 0


class EnglishFormats:
    """Numbers as the command line prints them: 1,234; $412,000; 8.4%."""

    def __init__(self, currency: str = "USD") -> None:
        self.currency = currency

    def count(self, value: int) -> str:
        return f"{int(value):,}"

    def number(self, value: float, decimals: int) -> str:
        return f"{float(value):,.{decimals}f}"

    def money(self, value: float) -> str:
        return plain_money(value, self.currency)

    def percent(self, share: float) -> str:
        return f"{100 * float(share):.{percent_decimals(float(share))}f}%"

    def date(self, text: str) -> str:
        return str(text)


def plain_money(value: float, currency: str) -> str:
    """$412,000 / 12.50 CHF: the sign before for the currencies that have one, else the code
    after."""
    decimals = money_decimals(float(value))
    text = f"{abs(float(value)):,.{decimals}f}"
    sign = "-" if float(value) < 0 else ""
    symbol = currency_symbol(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


Translate = Callable[[str, int | None], str]


def _keep(text: str, n: int | None) -> str:
    return text


def render(sentence: Sentence, translate: Translate = _keep,
           formats: Formats | None = None,
           names: Mapping[str, str] | None = None) -> str:
    """The sentence as text: its template translated (``translate(text, n)``, n = the plural
    count or None), each argument shown by its kind (:mod:`.phrasebook`'s table); ``names``:
    segment names the user gave (name key -> name)."""
    formats = formats or EnglishFormats()
    found = phrasebook.template(sentence.key)
    if found is None:
        return " ".join(str(a) for a in (sentence.key, *sentence.args))
    count = None
    if found.count is not None and found.count < len(sentence.args):
        count = int(float(sentence.args[found.count]))
    text = translate(found.text, count)
    # Without a translation the English "one" form stands for a count of 1 (Qt may already
    # have written the count into the plural text, so compare the untranslated template).
    if count == 1 and found.one is not None and translate(found.text, None) == found.text:
        text = found.one
    shown = [_shown(kind, arg, translate, formats, names)
             for kind, arg in zip(found.kinds, sentence.args, strict=False)]
    if count is not None:
        text = text.replace("%Ln", formats.count(count)).replace("%n", str(count))
    return _PLACEHOLDER.sub(lambda m: shown[int(m.group(1))] if int(m.group(1)) < len(shown)
                            else m.group(0), text)


def _shown(kind: str, arg: Arg, translate: Translate, formats: Formats,
           names: Mapping[str, str] | None) -> str:
    if kind in "ni":
        return formats.count(int(round(float(arg))))
    if kind == "f":
        return formats.number(float(arg), 0 if float(arg).is_integer() else 1)
    if kind == "m":
        return formats.money(float(arg))
    if kind == "p":
        return formats.percent(float(arg))
    if kind == "s":
        return render(Sentence(f"sign:{arg}"), translate, formats, names)
    if kind == "g":
        return segment_name(str(arg), translate, formats, names)
    if kind == "d":
        return formats.date(str(arg))
    return str(arg)


def segment_name(label: str, translate: Translate = _keep, formats: Formats | None = None,
                 names: Mapping[str, str] | None = None) -> str:
    """A segment's name: the one the user gave, else its name key's text ("Frequent buyers",
    "Frequent buyers 2"), else the label itself (an RFM segment, an older "Segment 2")."""
    if names and label in names:
        return names[label]
    formats = formats or EnglishFormats()
    if f"{label}" in phrasebook.SEGMENT_NAMES:
        return render(Sentence(f"segment:{label}"), translate, formats)
    numbered = _NUMBERED.match(label)
    if numbered and numbered.group("key") in phrasebook.SEGMENT_NAMES:
        base = render(Sentence(f"segment:{numbered.group('key')}"), translate, formats)
        return render(Sentence("format:numbered_segment", (base, int(numbered.group("n")))),
                      translate, formats)
    return label


def english(sentence: Sentence, currency: str = "USD") -> str:
    """The sentence in English, as the command line prints it."""
    return render(sentence, formats=EnglishFormats(currency))


def join(parts: Iterable[str]) -> str:
    return ", ".join(p for p in parts if p)


# ------------------------------------------------------------------------------ plain data
def to_json(sentence: Sentence, currency: str = "USD") -> dict[str, Any]:
    """{key, args, text} (text: English) for --json output."""
    return {"key": sentence.key, "args": list(sentence.args),
            "text": english(sentence, currency)}


def to_list(sentence: Sentence) -> list[Any]:
    """[key, *args]: how a reason is stored in analytics_results details."""
    return [sentence.key, *sentence.args]


def from_list(item: Sequence[Any]) -> Sentence:
    return Sentence(str(item[0]), tuple(item[1:]))
