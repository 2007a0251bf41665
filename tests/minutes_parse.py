"""Read generated Markdown back with real clients: markdown-it-py and pandoc.

Both readers are reduced to the same shape so tests can compare them with what
people typed: a list of top-level blocks, each ("table", rows of cell texts),
("para", text), ("heading", text), ("quote", text), ("list", [item texts]) or
("other", type). Inline markup the minutes never emit on purpose (emphasis,
code, raw HTML, images, strikeout) shows up as a `markup()` marker in the text, so a test comparing texts fails when user text turned into markup. Bare
URLs that pandoc turns into links keep their text and are transparent.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

Block = tuple[str, Any]

PANDOC_MISSING = (
    "pandoc is needed to check the minutes with a real Markdown reader, and it is not "
    "installed. Install it with `sudo apt-get install pandoc` (./dev test and .ci/run "
    "install it automatically when run as root)."
)


def markup(kind: str) -> str:
    """The marker left in extracted text where a reader saw markup: NUL never survives `clean`."""
    return f"\x00MARKUP:{kind}\x00"


def split_front_matter(text: str) -> tuple[str, str]:
    """(TOML between the `+++` lines, the Markdown body after them)."""
    assert text.startswith("+++\n"), "minutes must open with a +++ front matter line"
    end = text.index("\n+++\n", 3)
    return text[4 : end + 1], text[end + 5 :]


# ---- pandoc ---------------------------------------------------------------------


def pandoc_json(markdown: str) -> dict[str, Any]:
    """pandoc's AST for `markdown` read as GFM; fails the test clearly if pandoc is missing."""
    exe = shutil.which("pandoc")
    if exe is None:
        pytest.fail(PANDOC_MISSING, pytrace=False)
    proc = subprocess.run(
        [exe, "-f", "gfm", "-t", "json"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def pandoc_plain(markdown: str) -> str:
    """pandoc's plain-text rendering (what a reader sees), for eyeballing and checks."""
    exe = shutil.which("pandoc")
    if exe is None:
        pytest.fail(PANDOC_MISSING, pytrace=False)
    proc = subprocess.run(
        [exe, "-f", "gfm", "-t", "plain", "--wrap=none"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    return proc.stdout.decode("utf-8")


def _pd_inline(nodes: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for n in nodes:
        t = n["t"]
        if t == "Str":
            out.append(n["c"])
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("\n")
        elif t == "Link" and n["c"][0] == ["", [], []]:
            out.append(_pd_inline(n["c"][1]))  # a bare URL made clickable; text intact
        elif t == "Strong":
            out.append("**" + _pd_inline(n["c"]) + "**")  # only the minutes' own labels
        else:
            out.append(markup(t))
    return "".join(out)


def _pd_blocks_text(blocks: list[dict[str, Any]]) -> str:
    parts = []
    for b in blocks:
        if b["t"] in ("Para", "Plain"):
            parts.append(_pd_inline(b["c"]))
        else:
            parts.append(markup(b["t"]))
    return "\n\n".join(parts)


def _pd_table(c: list[Any]) -> list[list[str]]:
    # pandoc >= 2.10: [attr, caption, colspecs, head, bodies, foot]
    rows: list[list[str]] = []
    head, bodies = c[3], c[4]
    for row in head[1]:
        rows.append([_pd_blocks_text(cell[4]) for cell in row[1]])
    for body in bodies:
        for row in body[3]:
            rows.append([_pd_blocks_text(cell[4]) for cell in row[1]])
    return rows


def pandoc_blocks(markdown: str) -> list[Block]:
    """Top-level blocks of `markdown` as read by pandoc."""
    out: list[Block] = []
    for b in pandoc_json(markdown)["blocks"]:
        t = b["t"]
        if t == "Table":
            out.append(("table", _pd_table(b["c"])))
        elif t == "Para":
            out.append(("para", _pd_inline(b["c"])))
        elif t == "Header":
            out.append(("heading", _pd_inline(b["c"][2])))
        elif t == "BlockQuote":
            out.append(("quote", _pd_blocks_text(b["c"])))
        elif t in ("BulletList", "OrderedList"):
            items = b["c"] if t == "BulletList" else b["c"][1]
            out.append(("list", [_pd_blocks_text(item) for item in items]))
        else:
            out.append(("other", t))
    return out


# ---- markdown-it-py -------------------------------------------------------------


def _mi_inline(tok: Token) -> str:
    out: list[str] = []
    for ch in tok.children or []:
        if ch.type == "text":
            out.append(ch.content)
        elif ch.type == "softbreak":
            out.append(" ")
        elif ch.type == "hardbreak":
            out.append("\n")
        elif ch.type in ("strong_open", "strong_close"):
            out.append("**")
        else:
            out.append(markup(ch.type))
    return "".join(out)


def markdown_it_blocks(markdown: str) -> list[Block]:
    """Top-level blocks of `markdown` as read by markdown-it-py (CommonMark + GFM tables)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "table_open":
            rows: list[list[str]] = []
            i += 1
            while tokens[i].type != "table_close":
                t = tokens[i]
                if t.type == "tr_open":
                    rows.append([])
                elif t.type == "inline":
                    rows[-1].append(_mi_inline(t))
                i += 1
            out.append(("table", rows))
        elif tok.type == "heading_open":
            out.append(("heading", _mi_inline(tokens[i + 1])))
            i += 2
        elif tok.type == "paragraph_open" and tok.level == 0:
            out.append(("para", _mi_inline(tokens[i + 1])))
            i += 2
        elif tok.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            depth, j = 0, i
            texts: list[str] = []
            item_paras: list[str] = []
            while True:
                t = tokens[j]
                if t.type == tok.type:
                    depth += 1
                elif t.type == close:
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "list_item_close" and t.level == tok.level + 1:
                    texts.append("\n\n".join(item_paras))
                    item_paras = []
                elif t.type == "inline":
                    item_paras.append(_mi_inline(t))
                elif t.type in ("fence", "code_block", "html_block", "hr"):
                    item_paras.append(markup(t.type))
                j += 1
            if tok.type == "blockquote_open":
                out.append(("quote", "\n\n".join(item_paras)))
            else:
                out.append(("list", texts))
            i = j
        elif tok.type in ("fence", "code_block", "html_block", "hr"):
            out.append(("other", tok.type))
        i += 1
    return out


# ---- whole minutes files --------------------------------------------------------


def _texts(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for kind, value in blocks:
        if kind == "table":
            out += [cell for row in value for cell in row]
        elif kind == "list":
            out += value
        elif kind != "other":
            out.append(value)
    return out


def check_minutes(text: str) -> tuple[dict[str, Any], list[str]]:
    """Check one minutes file with tomllib, markdown-it-py and pandoc.

    Asserts: the front matter loads; both readers see the same blocks; every
    table row has its header's column count; no reader saw markup in any text;
    nothing but headings, paragraphs, lists, quotes and tables. Returns the
    front matter and every text the readers found (cells, paragraphs, items).
    """
    import tomllib

    toml_text, body = split_front_matter(text)
    meta = tomllib.loads(toml_text)
    texts: list[str] = []
    for blocks in (markdown_it_blocks(body), pandoc_blocks(body)):
        for kind, value in blocks:
            assert kind != "other", f"unexpected block {value!r}"
            if kind == "table":
                assert all(len(row) == len(value[0]) for row in value), value
        found = _texts(blocks)
        bad = [t for t in found if "\x00MARKUP:" in t]
        assert not bad, f"a reader saw markup in: {bad[:3]!r}"
        # pandoc folds runs of spaces (as HTML does); markdown-it keeps them.
        texts.append(re.sub(" +", " ", "\x01".join(found)))
    assert texts[0] == texts[1], "markdown-it-py and pandoc read the minutes differently"
    return meta, texts[0].split("\x01")


def assert_intact(texts: list[str], inline: list[str], block: list[str]) -> None:
    """Every one-line typed string, and every multi-line one, reads back whole in some text."""
    from facilitator.store.md_escape import plain_block, plain_inline

    joined = "\x01".join(texts)
    for s in inline:
        assert plain_inline(s) in joined, f"typed text not intact: {s!r}"
    for s in block:
        assert plain_block(s) in joined, f"typed text not intact: {s!r}"
