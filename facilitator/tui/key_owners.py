"""Keys owned by the widgets they belong to, live wherever the focus is.

Textual looks a key up along the focus chain only: the focused widget, its
ancestors, the screen, the app. On the run screen the facilitator never moves
the focus, yet a vote's keys are the vote panel's and the stack's keys are the
stack panel's. `OwnedKeys` (on a screen) puts every *key owner* its
`key_owners()` names into the chain, after the focus chain and the screen and
before the app, so each widget declares its own `BINDINGS` and `action_*`, the Footer
shows the keys of what is mounted now (a vote's keys only during a vote), and
`check_action` on the owner hides or greys them.

`_binding_chain` is Textual's (8.2.x) one place for this: the Footer, the
command palette and the key dispatch all read it.

The Footer lists `active_bindings` in the chain's order, so the current process
panel's keys came last and a wide footer cut them ("3 Stand aside" during a consent
round). `keys_first()` names the owners whose keys are *shown* first; only the
order shown changes (`active_bindings`), never which owner answers a key (the chain).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.binding import ActiveBinding, BindingsMap
    from textual.dom import DOMNode


def chain_with(
    screen: Screen[Any], chain: list[tuple[DOMNode, BindingsMap]], owners: Sequence[DOMNode]
) -> list[tuple[DOMNode, BindingsMap]]:
    """`chain` (a screen's binding chain) with `owners` put in after the screen's own entry
    (those already in it keep their place), the app's keymap applied to them too.

    After the screen: a screen shown over the run screen (the presentation view) lists
    the run screen among its owners, and its own keys (⇧P closes it) must come first."""
    present = {id(node) for node, _ in chain}
    extra = [(node, node._bindings.copy()) for node in owners if id(node) not in present]
    if not extra:
        return chain
    keymap = screen.app._keymap
    if keymap:
        for node, bindings in extra:
            result = bindings.apply_keymap(keymap)
            if result.clashed_bindings:
                screen.app.handle_bindings_clash(result.clashed_bindings, node)
    at = next((i + 1 for i, (node, _) in enumerate(chain) if node is screen), len(chain))
    return [*chain[:at], *extra, *chain[at:]]


class OwnedKeys(Screen[None]):
    """A screen whose key owners answer their keys wherever the focus is."""

    def key_owners(self) -> Sequence[DOMNode]:
        """The widgets whose BINDINGS are live on this screen, first wins (none by default)."""
        return ()

    def keys_first(self) -> Sequence[DOMNode]:
        """The owners whose keys the Footer and the palette list first (none by default)."""
        return ()

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        return chain_with(self, super()._binding_chain, self.key_owners())

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, those of `keys_first()` moved to the front, the rest
        after them in their order (the app-wide keys last)."""
        return first_shown(super().active_bindings, self.keys_first())


def first_shown(
    active: dict[str, ActiveBinding], first: Sequence[DOMNode]
) -> dict[str, ActiveBinding]:
    """`active` (key -> binding, in the order shown) with the bindings of `first` leading."""
    lead = {id(node) for node in first}
    if not lead:
        return active
    ahead = {key: b for key, b in active.items() if id(b.node) in lead}
    return {**ahead, **{key: b for key, b in active.items() if key not in ahead}}
