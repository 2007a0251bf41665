"""Where each key of a TOML document is written: a key path -> line index.

tomllib returns plain data with no positions, so error messages could not say
where a bad value sits. This scanner walks the same text a second time and
records the line of every key, table header and array element, as key paths like
`("items", 2, "duration")`. It assumes the text already parsed with tomllib, so it
only needs to tell keys from values, never to judge the syntax.

It understands tables, arrays of tables (`[[items]]` counts its entries), dotted
keys, inline tables, arrays and every kind of string, so text inside a multi-line
string is never mistaken for a key.
"""

from __future__ import annotations

import bisect
import contextlib
import tomllib

KeyPath = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\n\r")


class LineIndex:
    """Key paths of one TOML text, each with the 1-based line it is written on."""

    def __init__(self, lines: dict[KeyPath, int]) -> None:
        self.lines = lines
        """Every recorded key path and its line."""

    @classmethod
    def build(cls, text: str) -> LineIndex:
        """Index `text`, which must be valid TOML; on any surprise the index is left partial."""
        scanner = _Scanner(text)
        # A partial index still locates what it reached; the rest falls back to parents.
        with contextlib.suppress(IndexError, ValueError, RecursionError, tomllib.TOMLDecodeError):
            scanner.document()
        return cls(scanner.implicit | scanner.explicit)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, else of its nearest recorded parent (a table header); None if none."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def exact(self, path: KeyPath) -> int | None:
        """The line of `path` itself, or None when it is not written in the text."""
        return self.lines.get(tuple(path))


class _Scanner:
    """A small recursive-descent reader over valid TOML that records positions, not values."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self._newlines = [n for n, ch in enumerate(text) if ch == "\n"]
        self.explicit: dict[KeyPath, int] = {}
        """Paths written as a key or a header: these win."""
        self.implicit: dict[KeyPath, int] = {}
        """Tables created on the way (`a` in `a.b = 1` or `[a.b]`): their first mention."""
        self._aot: dict[KeyPath, int] = {}
        """Arrays of tables seen so far, and how many entries each has."""

    # ---- positions ---------------------------------------------------------------

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def _skip_ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def _skip_ws_comments_newlines(self) -> None:
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch in " \t\r\n":
                self.i += 1
            elif ch == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    # ---- document structure ------------------------------------------------------

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_ws_comments_newlines()
            if self.i >= len(self.s):
                return
            start = self.i
            if self._peek(2) == "[[":
                self.i += 2
                keys = self._key()
                self._skip_ws()
                self.i += 2  # "]]"
                table = self._open_array_table(keys, self.line(start))
            elif self._peek() == "[":
                self.i += 1
                keys = self._key()
                self._skip_ws()
                self.i += 1  # "]"
                table = self._resolve(keys)
                self._imply_parents(table, self.line(start))
                self.explicit[table] = self.line(start)
            else:
                self._keyval(table)

    def _resolve(self, keys: list[str]) -> KeyPath:
        """Key parts to a path, stepping into the latest entry of each array of tables."""
        path: KeyPath = ()
        for key in keys:
            path += (key,)
            if path in self._aot:
                path += (self._aot[path] - 1,)
        return path

    def _open_array_table(self, keys: list[str], line: int) -> KeyPath:
        parent = self._resolve(keys[:-1])
        array = (*parent, keys[-1])
        count = self._aot.get(array, 0)
        self._aot[array] = count + 1
        self._imply_parents(array, line)
        self.implicit.setdefault(array, line)
        entry = (*array, count)
        self.explicit[entry] = line
        return entry

    def _imply_parents(self, path: KeyPath, line: int) -> None:
        for end in range(1, len(path)):
            self.implicit.setdefault(path[:end], line)

    def _keyval(self, table: KeyPath) -> None:
        line = self.line(self.i)
        keys = self._key()
        self._skip_ws()
        self.i += 1  # "="
        self._skip_ws()
        path = (*table, *keys)
        self._imply_parents(path, line)
        self.explicit[path] = line
        self._value(path)

    # ---- keys --------------------------------------------------------------------

    def _key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._skip_ws()
            ch = self._peek()
            if ch == '"':
                start = self.i
                self._basic_string()
                # Escapes in quoted keys are rare; let tomllib decode them exactly.
                parts.append(tomllib.loads("k = " + self.s[start : self.i])["k"])
            elif ch == "'":
                end = self.s.index("'", self.i + 1)
                parts.append(self.s[self.i + 1 : end])
                self.i = end + 1
            else:
                start = self.i
                while self.i < len(self.s) and self.s[self.i] in _BARE:
                    self.i += 1
                if self.i == start:
                    raise ValueError(f"no key at offset {start}")
                parts.append(self.s[start : self.i])
            self._skip_ws()
            if self._peek() != ".":
                return parts
            self.i += 1

    # ---- values ------------------------------------------------------------------

    def _value(self, path: KeyPath) -> None:
        ch = self._peek()
        if self._peek(3) == '"""':
            self._ml_string('"""', escapes=True)
        elif self._peek(3) == "'''":
            self._ml_string("'''", escapes=False)
        elif ch == '"':
            self._basic_string()
        elif ch == "'":
            self.i = self.s.index("'", self.i + 1) + 1
        elif ch == "[":
            self._array(path)
        elif ch == "{":
            self._inline_table(path)
        else:
            while self.i < len(self.s) and self.s[self.i] not in _SCALAR_END:
                self.i += 1

    def _basic_string(self) -> None:
        self.i += 1
        while self.s[self.i] != '"':
            self.i += 2 if self.s[self.i] == "\\" else 1
        self.i += 1

    def _ml_string(self, delim: str, *, escapes: bool) -> None:
        self.i += 3
        while True:
            if escapes and self.s[self.i] == "\\":
                self.i += 2
                continue
            if self.s.startswith(delim, self.i):
                # Up to two quotes may sit just inside the closing delimiter ('""""' ends in '"').
                run = 0
                while self.i + run < len(self.s) and self.s[self.i + run] == delim[0]:
                    run += 1
                self.i += min(run, 5)
                return
            self.i += 1

    def _array(self, path: KeyPath) -> None:
        self.i += 1
        index = 0
        while True:
            self._skip_ws_comments_newlines()
            if self._peek() == "]":
                self.i += 1
                return
            self.explicit[(*path, index)] = self.line(self.i)
            self._value((*path, index))
            self._skip_ws_comments_newlines()
            if self._peek() == ",":
                self.i += 1
                index += 1
            elif self._peek() != "]":
                raise ValueError(f"unexpected text in an array at offset {self.i}")

    def _inline_table(self, path: KeyPath) -> None:
        self.i += 1
        while True:
            self._skip_ws_comments_newlines()
            if self._peek() == "}":
                self.i += 1
                return
            self._keyval(path)
            self._skip_ws_comments_newlines()
            if self._peek() == ",":
                self.i += 1
            elif self._peek() != "}":
                raise ValueError(f"unexpected text in an inline table at offset {self.i}")
