"""Friendly dates, as a facilitator types them into a form: `fri`, `+2w`, `15 dec`, `2026-12-15`.

Pure: every form is read relative to a `base` day the caller passes in (the
meeting's date, or today), so the same text always means the same day in tests
and on replay. `parse_date` raises ValueError with a plain sentence that shows
the forms it understands; `describe_date` says back what a text was read as,
so the form can show it before anything is saved.

Forms understood (case-insensitive):
- `today`, `tomorrow` (`tmr`), `yesterday`;
- a weekday, `fri` or `friday` (also `next fri`): the first such day *after* the base;
- `+3d`, `+2w`, `+1m`, `+1y` (also `3d`, `in 3 days`, `2 weeks`), and
  `next week`, `next month`, `next year`;
- `end of month` (`eom`), `end of week` (the Friday on or after the base);
- ISO `2026-12-15`;
- a day and a month, `15 dec`, `dec 15`, `15 december 2027`, `15 Dec, 2027`:
  without a year, the first such day on or after the base.
Slashed dates (`12/01`) are refused: the same text means different days in
different countries.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from facilitator.i18n import N_, _, ngettext, pgettext

__all__ = ["EXAMPLES", "add_months", "describe_date", "parse_date"]

EXAMPLES = N_("fri, tomorrow, +3d, +2w, +1m, 15 dec or 2026-12-15")
"""The forms named in help texts and error messages (marked: `_()` it where shown; the
forms themselves are the English words `parse_date` reads, in every language)."""

# English names, spelled out: `calendar.day_name` follows the process locale.
# Lower case, as typed; the minutes capitalize them.
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# The same days and months as words to say (the minutes' catalog entries: "Friday" is
# *viernes*); `describe_date` shortens them to three letters, "Fri", "vie".
DAY_WORDS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
MONTH_WORDS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
_WEEKDAYS = {name: n for n, name in enumerate(DAY_NAMES)} | {
    name[:3]: n for n, name in enumerate(DAY_NAMES)
}
_WEEKDAYS |= {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_MONTHS = {name: n for n, name in enumerate(MONTH_NAMES, 1)} | {
    name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)
}
_MONTHS["sept"] = 9
_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "year": "y",
    "years": "y",
}
_RELATIVE = re.compile(r"^(?:in\s+)?\+?\s*(\d{1,3})\s*([a-z]+)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


def parse_date(text: str, base: dt.date) -> dt.date:
    """The day `text` names, read relative to `base`; ValueError with a plain message if none."""
    t = " ".join(text.strip().casefold().split())
    if not t:
        raise ValueError(_("write a date, e.g. {examples}").format(examples=_(EXAMPLES)))
    found = _parse(t, base)
    if found is None:
        raise ValueError(
            _('cannot read "{text}" as a date; write e.g. {examples}').format(
                text=text.strip(), examples=_(EXAMPLES)
            )
        )
    return found


def describe_date(day: dt.date, base: dt.date) -> str:
    """How a parsed day is said back, in the language in force: "Fri 4 Dec 2026 (in 3 days)",
    "vie 4 dic 2026 (en 3 días)"."""
    shown = pgettext("short date", "{weekday} {day} {month} {year}").format(
        weekday=_(DAY_WORDS[day.weekday()])[:3],
        day=day.day,
        month=_(MONTH_WORDS[day.month - 1])[:3],
        year=day.year,
    )
    delta = (day - base).days
    if delta == 0:
        when = pgettext("relative day", "today")
    elif delta == 1:
        when = pgettext("relative day", "tomorrow")
    elif delta == -1:
        when = pgettext("relative day", "yesterday")
    elif delta > 0:
        when = ngettext("in {n} day", "in {n} days", delta).format(n=delta)
    else:
        when = ngettext("{n} day ago", "{n} days ago", -delta).format(n=-delta)
    return _("{date} ({when})").format(date=shown, when=when)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, kept inside the month (31 Jan + 1 month is 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _parse(t: str, base: dt.date) -> dt.date | None:
    simple = {
        "today": base,
        "tod": base,
        "now": base,
        "tomorrow": base + dt.timedelta(days=1),
        "tmr": base + dt.timedelta(days=1),
        "tmrw": base + dt.timedelta(days=1),
        "yesterday": base - dt.timedelta(days=1),
        "next week": base + dt.timedelta(weeks=1),
        "next month": add_months(base, 1),
        "next year": add_months(base, 12),
        "end of month": base.replace(day=calendar.monthrange(base.year, base.month)[1]),
        "eom": base.replace(day=calendar.monthrange(base.year, base.month)[1]),
        "end of week": base + dt.timedelta(days=(4 - base.weekday()) % 7),
        "eow": base + dt.timedelta(days=(4 - base.weekday()) % 7),
    }
    if t in simple:
        return simple[t]
    weekday = _weekday(t.removeprefix("next ").removeprefix("this ").rstrip("."))
    if weekday is not None:
        ahead = (weekday - base.weekday()) % 7 or 7
        return base + dt.timedelta(days=ahead)
    m = _RELATIVE.match(t)
    if m and m.group(2) in _UNITS:
        return _shift(base, int(m.group(1)), _UNITS[m.group(2)])
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t):
        y, mo, d = (int(x) for x in t.split("-"))
        return _day(y, mo, d)
    if "/" in t:
        raise ValueError(
            _(
                '"{text}" could mean two different days; write the month as a word (15 dec) '
                "or the date as YYYY-MM-DD"
            ).format(text=t)
        )
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        m = pattern.match(t)
        if m and m.group(month_group) in _MONTHS:
            day, month = int(m.group(day_group)), _MONTHS[m.group(month_group)]
            if m.group(3):
                return _day(int(m.group(3)), month, day)
            found = _day(base.year, month, day, quiet=True)
            if found is None or found < base:
                found = _day(base.year + 1, month, day)
            return found
    return None


def _weekday(word: str) -> int | None:
    return _WEEKDAYS.get(word)


def _shift(base: dt.date, n: int, unit: str) -> dt.date:
    if unit == "d":
        return base + dt.timedelta(days=n)
    if unit == "w":
        return base + dt.timedelta(weeks=n)
    return add_months(base, n if unit == "m" else 12 * n)


def _day(year: int, month: int, day: int, *, quiet: bool = False) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        if quiet:
            return None
        month_name = (
            _(MONTH_WORDS[month - 1]) if 1 <= month <= 12 else _("month {n}").format(n=month)
        )
        raise ValueError(
            _("there is no day {day} in {month} {year}").format(
                day=day, month=month_name, year=year
            )
        ) from None
