"""The join address as a QR code drawn in text, for the TUI's share window.

segno makes the code offline, in pure Python. Two modules share one character cell
(upper and lower half blocks), so a version-4 code fits a 40-row terminal.
"""

from __future__ import annotations

import segno


def qr_lines(data: str, *, border: int = 2) -> list[str]:
    """The QR code of `data` as lines of half-block characters (dark modules drawn)."""
    code = segno.make(data, error="m", boost_error=False)
    rows = [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(glyph[(a, b)] for a, b in zip(top, low, strict=True))
        for top, low in zip(rows[::2], rows[1::2], strict=True)
    ]
