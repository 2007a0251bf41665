"""Reading a journal's record lines one by one (`_Reader`: the chain, the groups, what to
keep and what to report) and putting moved lines back in event order. `journal_format`
(the rules, and the fast path for the usual line) drives it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from facilitator.i18n import _, ngettext
from facilitator.store.journal_lines import (
    _SUFFIX,
    BATCH_KEY,
    BOOT_KEY,
    JournalCorruptError,
    _loads,
    _split_chained,
)


class _Reader:
    """Reads record lines one by one: the chain, the groups, what to keep and what to report."""

    def __init__(self, path: Path, chained: bool, first: str | None) -> None:
        self.path = path
        self.chained = chained
        self.records: list[dict[str, Any]] = []
        self.numbers: list[int] = []
        """The line number of each kept record."""
        self.warnings: list[str] = []
        self.good_size = 0
        self.last_hash: str | None = first
        """The hash the next appended line chains on (None: an old journal, no chain)."""
        self.boot_id: str | None = None
        """The boot id recorded last (by the last process that wrote)."""
        self._expected: str | None = first
        self._seen: dict[str, int] = {}
        self._batch_start = -1  # index in `records` of the open group's first record
        self._batch_left = 0
        self._batch_size_before = 0
        self._batch_line = 0
        self.proven = 0
        """Leading bytes proven whole and clean (`parse_journal`): their hashes hold."""

    def line(self, raw: bytes, number: int, end: int, *, is_last: bool) -> None:
        """Read one line whole (a journal without the chain: `_read_chained` does the rest)."""
        body = raw
        if self.chained:
            checked = self.check(raw, number, is_last=is_last)
            if checked is None:
                self.skip(end)
                return
            body = checked
        self.take(_loads(body), number, end, is_last=is_last)

    def check(self, raw: bytes, number: int, *, is_last: bool) -> bytes | None:
        """A chained line's body when its hash holds and it is no copy; None (reported) when
        it is left out, for which `skip` must then be called in its turn."""
        split = _split_chained(raw)
        if split is None:
            self._damaged(number, is_last=is_last)
            return None
        body, prev, h = split
        if h in self._seen:
            self.warnings.append(
                _("line {number} is a copy of line {first}; the copy was left out").format(
                    number=number, first=self._seen[h]
                )
            )
            return None
        if self._expected is not None and prev != self._expected:
            self.warnings.append(
                _(
                    "line {number} does not follow the line before it: a line before it is"
                    " missing or was moved (the journal was edited); every readable line was kept"
                ).format(number=number)
            )
        self._expected = self.last_hash = h
        self._seen[h] = number
        return body

    def trusted(self, raw: bytes, number: int) -> bytes:
        """A chained line's body, from a prefix proven whole and clean (so its hash holds and
        it is no copy): what `check` returns for it, without computing the hash."""
        cut = len(raw) - _SUFFIX
        h = raw[cut + 31 : cut + 47].decode("ascii")
        self._expected = self.last_hash = h
        self._seen[h] = number
        return raw[:cut] + b"}"

    def skip(self, end: int) -> None:
        """A line left out (damaged or a copy) still counts towards the open group."""
        self._advance(end)

    def take(self, record: object, number: int, end: int, *, is_last: bool) -> None:
        """Keep a parsed line's record (or report or refuse what is not one)."""
        if not (isinstance(record, dict) and isinstance(record.get("type"), str)):
            if self.chained:  # the checksum matched, so this is how it was written
                raise JournalCorruptError(
                    _("{path}, line {number}: this line is not an event record").format(
                        path=self.path, number=number
                    )
                )
            if is_last:
                self.warnings.append(
                    _(
                        "line {number} was unreadable and was dropped; saving may have stopped"
                        " while it was written, or the disk damaged it"
                    ).format(number=number)
                )
                return
            raise JournalCorruptError(
                _(
                    "{path}, line {number}: this line is damaged (not an event record); the"
                    " journal cannot be read past it safely"
                ).format(path=self.path, number=number)
            )
        boot = record.pop(BOOT_KEY, None)
        if isinstance(boot, str):
            self.boot_id = boot
        size = record.pop(BATCH_KEY, None)
        if size is not None:
            if self._batch_left:
                raise JournalCorruptError(
                    _(
                        "{path}, line {number}: a group of events starts before the group at"
                        " line {first} is complete"
                    ).format(path=self.path, number=number, first=self._batch_line)
                )
            if not isinstance(size, int) or isinstance(size, bool) or size < 2:
                raise JournalCorruptError(
                    _("{path}, line {number}: bad group size {size}").format(
                        path=self.path, number=number, size=repr(size)
                    )
                )
            self._batch_start, self._batch_left = len(self.records), size
            self._batch_size_before, self._batch_line = self.good_size, number
        self.records.append(record)
        self.numbers.append(number)
        self._advance(end)

    def _damaged(self, number: int, *, is_last: bool) -> None:
        # A checksum that fails on a whole line (it ends in a newline) is damage on disk or
        # an edit, never a save that stopped half-way: that line may well have been shown.
        said = _(
            "line {number} is damaged: its checksum does not match, so it was left out and"
            " every other line was kept."
        ).format(number=number)
        if is_last:
            said += " " + _(
                "It was written in full, so it may have been shown on screen: check the minutes"
            )
        self.warnings.append(said)
        # The next line chains on this one's hash, which cannot be trusted: skip that check.
        self._expected = None

    def _advance(self, end: int) -> None:
        if self._batch_left:
            self._batch_left -= 1
        if not self._batch_left:
            self.good_size = end

    def finish(self) -> None:
        if self._batch_left:
            # Ends mid-group: the command was never acknowledged, so drop all of it.
            dropped = len(self.records) - self._batch_start
            del self.records[self._batch_start :]
            del self.numbers[self._batch_start :]
            self.good_size = self._batch_size_before
            self.warnings.append(
                ngettext(
                    "the last action's {n} saved line was dropped: saving stopped before all of"
                    " its lines were written, so it was never confirmed",
                    "the last action's {n} saved lines were dropped: saving stopped before all"
                    " of its lines were written, so it was never confirmed",
                    dropped,
                ).format(n=dropped)
            )


def _in_event_order(
    records: list[dict[str, Any]], numbers: list[int], warnings: list[str], path: Path
) -> list[dict[str, Any]]:
    """The records by their event number (`seq`): lines moved by hand are put back, a line
    repeated word for word is left out once; what cannot be put right names its line.

    Replaying events out of order could build a state no meeting had (or fail), so the
    order is the events' own, which the engine numbers 1, 2, 3, ... as it goes.
    """
    seqs: list[int] = []
    for r in records:
        q = r.get("seq")
        if not isinstance(q, int) or isinstance(q, bool):
            return records  # not engine records (some tests write bare ones): file order
        seqs.append(q)
    if all(a < b for a, b in itertools.pairwise(seqs)):
        return records
    first_line: dict[int, int] = {}
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for record, number, q in zip(records, numbers, seqs, strict=True):
        if q in first_line:
            earlier = next(r for n, _q, r in kept if n == first_line[q])
            if earlier == record:
                warnings.append(
                    _(
                        "line {number} repeats line {first} word for word; the copy was left out"
                    ).format(number=number, first=first_line[q])
                )
                continue
            raise JournalCorruptError(
                _(
                    "{path}, line {number}: event number {seq} was already recorded at line"
                    " {first}, with different content; the journal was edited and cannot be"
                    " read safely"
                ).format(path=path, number=number, seq=q, first=first_line[q])
            )
        first_line[q] = number
        kept.append((number, q, record))
    ordered = sorted(kept, key=lambda entry: entry[1])
    moved = [a[0] for a, b in zip(kept, ordered, strict=True) if a[0] != b[0]]
    if moved:
        warnings.append(
            ngettext(
                "line {number} and {n} other line are out of order (were they moved or"
                " sorted?); they were read in the order the events happened",
                "line {number} and {n} other lines are out of order (were they moved or"
                " sorted?); they were read in the order the events happened",
                len(moved) - 1,
            ).format(number=moved[0], n=len(moved) - 1)
        )
    return [record for _n, _q, record in ordered]


def cut_off(number: int) -> str:
    """The warning for a last line cut off (no newline)."""
    return _(
        "line {number} was cut off when saving stopped; it was dropped. It held an action that"
        " was never confirmed on screen, so nothing that was shown is lost"
    ).format(number=number)
