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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.binding import BindingsMap
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

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        return chain_with(self, super()._binding_chain, self.key_owners())
