"""What the journal and the network code say when something goes wrong, in the screen's
language (issue 15): a locked meeting, a damaged or empty journal, a full disk, a file
that must not be published. Still located (`FILE, línea N`), and the English unchanged.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator import i18n
from facilitator.core.errors import StorageError
from facilitator.store.journal import (
    FileOps,
    Journal,
    JournalCorruptError,
    JournalLockedError,
    read_journal,
)
from facilitator.store.network import GitError, PublishError, check_publishable, repo_root
from tests.journal_support import new_journal, note


@pytest.fixture
def spanish() -> Iterator[None]:
    previous = i18n.set_screen_language("es")
    yield
    i18n.set_screen_language(previous)


def test_a_locked_meeting_says_so_in_spanish(tmp_path: Path, spanish: None) -> None:
    with new_journal(tmp_path) as j, pytest.raises(JournalLockedError) as info:
        Journal.open(j.path)
    message = str(info.value)
    assert message.startswith("esta reunión está abierta en otra ventana de facilitator (pid ")
    assert message.endswith(f"ciérrenla allí primero ({j.path})")


def test_an_empty_or_missing_journal_in_spanish(tmp_path: Path, spanish: None) -> None:
    empty = tmp_path / "x.journal.jsonl"
    empty.write_bytes(b"")
    with pytest.raises(JournalCorruptError) as info:
        read_journal(empty)
    assert str(info.value) == f"{empty}: el diario está vacío (no tiene línea de encabezado)"
    with pytest.raises(Exception) as missing:
        read_journal(tmp_path / "none.journal.jsonl")
    assert str(missing.value).startswith("no hay un diario de reunión en ")


def _damage_line(path: Path, number: int) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = lines[number - 1].replace(b"a note", b"A note")
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "line 3 is damaged: its checksum does not match, so it was left out and every other"
            " line was kept.",
        ),
        (
            "es",
            "la línea 3 está dañada: su suma de verificación no coincide, así que se dejó fuera"
            " y se conservaron todas las demás.",
        ),
    ],
)
def test_a_damaged_line_is_named_in_the_screens_language(
    tmp_path: Path, lang: str, said: str
) -> None:
    with new_journal(tmp_path) as j:
        path = j.path
        j.append([note(1)])
        j.append([note(2)])
        j.append([note(3)])
    _damage_line(path, 3)
    previous = i18n.set_screen_language(lang)
    try:
        contents = read_journal(path)
    finally:
        i18n.set_screen_language(previous)
    assert contents.warnings == [said]
    assert [r["seq"] for r in contents.records] == [1, 3]


def test_a_cut_off_tail_and_an_unfinished_group_keep_their_english(tmp_path: Path) -> None:
    """The wording restructured for translation reads as it did (a plural said properly)."""
    with new_journal(tmp_path) as j:
        path = j.path
        j.append([note(1)])
        j.append([note(2, cmd=2), note(3, cmd=2), note(4, cmd=2)])
    data = path.read_bytes()
    last_line_start = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(data[: last_line_start + 5])  # the group's last line cut off
    warnings = read_journal(path).warnings
    assert (
        "line 5 was cut off when saving stopped; it was dropped. It held an action that was"
        " never confirmed on screen, so nothing that was shown is lost"
    ) in warnings
    assert (
        "the last action's 2 saved lines were dropped: saving stopped before all of its lines"
        " were written, so it was never confirmed"
    ) in warnings


def test_a_full_disk_says_what_to_do_in_spanish(tmp_path: Path, spanish: None) -> None:
    with new_journal(tmp_path) as j:
        path = j.path
        j.append([note(1)])

    def write(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with Journal.open(path, ops=FileOps(write=write)) as j, pytest.raises(StorageError) as info:
        j.append([note(2)])
    message = str(info.value)
    assert message.startswith("no se pudo guardar en el disco: ")
    assert f"({path}); está guardado todo hasta las " in message
    assert message.endswith(
        "pero esta última acción no quedó registrada. Liberen espacio en el disco y vuelvan a"
        " pulsar la tecla"
    )
    assert read_journal(path).records == [note(1)]  # nothing lost


def test_what_cannot_be_published_is_said_in_spanish(tmp_path: Path, spanish: None) -> None:
    private = tmp_path / "2026-11-24-gc.private.md"
    private.write_text("secret", encoding="utf-8")
    with pytest.raises(PublishError) as info:
        check_publishable(private)
    assert str(info.value) == f"{private}: es un registro privado; nunca sale de esta computadora"
    oddly = tmp_path / "notes.md"
    with pytest.raises(PublishError) as named:
        check_publishable(oddly)
    assert str(named.value) == f"{oddly}: no tiene nombre de acta (AAAA-MM-DD-….md)"
    with pytest.raises(GitError) as no_repo:
        repo_root(tmp_path / "nowhere")
    assert str(no_repo.value) == f"{tmp_path / 'nowhere'}: no existe la carpeta"
