"""`typing.NamedTuple` for the fast path of `decisions`, `actions` and `conflicts`, without
importing `typing` (4.6-4.9 ms of every run, measured after everything else it needs; issue 12).

To the type checker this is `typing.NamedTuple` itself. At run time a class statement over
it becomes what `typing.NamedTuple` makes, built the same way: a `collections.namedtuple`
of the annotated fields, with their defaults, the class's docstring and its own methods and
properties (tests/test_fast_tuple.py compares the two). The one difference: annotations stay
the text written, where typing wraps each in a `ForwardRef`; `get_type_hints` reads both alike.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # As typing's NamedTupleMeta: what the namespace may not set, and what it sets itself.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _Meta(type):
        def __new__(mcls, name, bases, ns):
            if ns.get("_root", False):
                return super().__new__(mcls, name, bases, ns)
            types = ns.get("__annotations__", {})
            defaults = []
            for field in types:
                if field in ns:
                    defaults.append(ns[field])
                elif defaults:
                    raise TypeError(
                        f"Non-default namedtuple field {field} cannot follow default field"
                        f"{'s' if len(defaults) > 1 else ''} {', '.join(types)}"
                    )
            made = collections.namedtuple(name, types, defaults=defaults, module=ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(types)
            for key, value in ns.items():
                if key in _PROHIBITED:
                    raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Meta):
        """Subclass with annotated fields, as `typing.NamedTuple`."""

        _root = True


__all__ = ["NamedTuple"]
