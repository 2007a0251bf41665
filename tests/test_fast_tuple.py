"""`fast_tuple.NamedTuple` makes what `typing.NamedTuple` makes, and the fast path of the
archive commands imports neither `typing` nor `pathlib` (each costs ~5 ms of every run,
issue 12): counted in sys.modules, not timed."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
import typing
from pathlib import Path

import pytest

from facilitator.store import fast_tuple
from facilitator.store.archive import Archive
from facilitator.store.archive_reason import Reason
from facilitator.store.archive_rows import DecisionHit, Filters


def _pair() -> tuple[type, type]:
    made = []
    for base in (typing.NamedTuple, fast_tuple.NamedTuple):

        class Row(base):  # type: ignore[valid-type,misc]
            """A row."""

            name: str
            count: int = 0
            note: str | None = None

            @property
            def shown(self) -> str:
                return f"{self.name}: {self.count}"

            def __str__(self) -> str:
                return self.shown

        made.append(Row)
    return made[0], made[1]


def test_a_class_is_what_typing_makes() -> None:
    real, fast = _pair()
    for attr in ("_fields", "_field_defaults", "__doc__", "__qualname__", "__module__"):
        assert getattr(fast, attr) == getattr(real, attr), attr
    # The text of each annotation (typing wraps it in a ForwardRef; either reads back the same).
    assert fast.__annotations__ == {k: v.__forward_arg__ for k, v in real.__annotations__.items()}
    assert typing.get_type_hints(fast) == typing.get_type_hints(real)
    assert fast.__mro__[1:] == real.__mro__[1:] == (tuple, object)
    a, b = real("x", 2), fast("x", 2)
    assert tuple(a) == tuple(b) == ("x", 2, None)
    assert (str(a), a.shown, a._asdict()) == (str(b), b.shown, b._asdict())
    assert repr(b) == "Row(name='x', count=2, note=None)"
    assert b._replace(count=3) == ("x", 3, None) and fast._make(["y", 1, "n"]).note == "n"  # type: ignore[attr-defined]


def test_mistakes_are_refused_as_typing_refuses_them() -> None:
    for base in (typing.NamedTuple, fast_tuple.NamedTuple):
        with pytest.raises(TypeError):

            class Bad(base):  # type: ignore[valid-type,misc]
                a: int = 0
                b: int

        with pytest.raises(AttributeError):

            class Worse(base):  # type: ignore[valid-type,misc]
                a: int

                def _asdict(self) -> dict[str, int]:
                    return {}


def test_the_archive_values_pickle_and_sort() -> None:
    # Reasons cross to the parser processes of a cold build: they must pickle by name.
    why = Reason("is {x}", (("x", 1),))
    assert pickle.loads(pickle.dumps(why)) == why
    assert sorted([Reason("b"), Reason("a")]) == [Reason("a"), Reason("b")]
    assert Filters(today=None).status == "open"  # type: ignore[arg-type]
    assert DecisionHit._fields[-2:] == ("method", "positions")


_PROBE = """
import sys
before = set(sys.modules)
from facilitator.cli import main
rc = main({argv!r})
sys.stdout.flush()
print("LOADED", sorted({{"typing", "pathlib"}} & (set(sys.modules) - before)), rc, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["decisions", "{dir}", "--grep", "loan"],
        ["decisions", "{dir}", "--json"],
        ["actions", "{dir}", "--all"],
        ["conflicts", "{dir}"],
    ],
)
def test_the_fast_path_imports_neither_typing_nor_pathlib(tmp_path: Path, argv: list[str]) -> None:
    import random

    from tests.archive_support import random_doc, write_doc

    folder = tmp_path / "minutes"
    folder.mkdir()
    rng = random.Random(5)
    for i in range(4):
        write_doc(folder, random_doc(rng, i))
    hour_ago = time.time_ns() - 3600 * 10**9  # past the racy window: the warm path is taken
    for path in folder.glob("*.md"):
        os.utime(path, ns=(hour_ago, hour_ago))
    Archive.open(folder).close()
    args = [a.replace("{dir}", str(folder)) for a in argv]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(argv=args)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "LOADED [] 0" in done.stderr, done.stderr[-2000:]
