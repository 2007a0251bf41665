"""The command palette entries for the meeting commands, from the one registry.

Only the commands whose Binding is active on the current screen are offered,
so the palette never shows something that would do nothing here.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from facilitator.i18n import _
from facilitator.tui.commands import CommandSpec, all_commands, effective_key


class MeetingCommandsProvider(Provider):
    """Offers every declared command that is bound on the active screen."""

    def _available(self) -> list[CommandSpec]:
        active = {b.binding.id for b in self.screen.active_bindings.values()}
        return [s for s in all_commands() if s.id in active]

    def _display(self, s: CommandSpec) -> Text:
        keymap = getattr(self.app, "keymap", {})
        return Text.assemble(_(s.label), ("  " + effective_key(s, keymap), "dim"))

    def _run(self, s: CommandSpec) -> None:
        # The action lives on whichever node declared the binding: try the focused
        # chain first, then the screen.
        for active in self.screen.active_bindings.values():
            if active.binding.id == s.id:
                self.app.call_later(self.app.run_action, s.action, active.node)
                return

    async def discover(self) -> Hits:
        for s in self._available():
            yield DiscoveryHit(self._display(s), partial(self._run, s), help=_(s.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for s in self._available():
            label, about = _(s.label), _(s.help)
            score = max(matcher.match(label), matcher.match(about) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._run, s), help=about)
