"""`--share`, `--bind`, `--public-url`, the `member_hands` setting and the QR code: plain
errors, the question before binding beyond this computer, and a QR drawing that is the
code segno made."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import segno

from facilitator.cli import main
from facilitator.store.settings import SettingsError, load_settings
from facilitator.web.cli_flags import share_options
from facilitator.web.options import ShareOptions, is_local, parse_bind
from facilitator.web.qr import qr_lines


def ns(share: bool = True, bind: str | None = None, url: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(share=share, bind=bind, public_url=url)


def test_defaults_are_localhost() -> None:
    assert share_options(ns(share=False), "run") is None
    assert share_options(ns(), "run") == ShareOptions("127.0.0.1", 8765, None)
    assert parse_bind(":9000") == ("127.0.0.1", 9000)
    assert parse_bind("[::1]:9001") == ("::1", 9001)
    assert is_local("127.0.0.1") and is_local("::1") and is_local("localhost")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.20")


def test_usage_mistakes_are_plain(capsys: pytest.CaptureFixture[str]) -> None:
    assert share_options(ns(share=False, bind="0.0.0.0"), "run") == 2
    assert share_options(ns(bind="127.0.0.1:http"), "run") == 2
    assert share_options(ns(bind="127.0.0.1:70000"), "run") == 2
    assert share_options(ns(url="meet.example.org"), "run") == 2
    err = capsys.readouterr().err
    assert "go with --share" in err and "port must be a number" in err and "https://" in err
    assert "Traceback" not in err


def test_binding_beyond_this_computer_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[str] = []

    def say(answer: str):  # type: ignore[no-untyped-def]
        def ask(question: str) -> str:
            asked.append(question)
            return answer

        return ask

    wide = ns(bind="0.0.0.0:8800", url="https://meet.example.org/")
    assert share_options(wide, "run", ask=say("n"), interactive=lambda: True) == 1
    assert "not shared" in capsys.readouterr().err
    got = share_options(wide, "run", ask=say("y"), interactive=lambda: True)
    assert got == ShareOptions("0.0.0.0", 8800, "https://meet.example.org")
    assert "0.0.0.0:8800" in asked[0] and "join code" in asked[0]
    assert share_options(wide, "run", ask=say("y"), interactive=lambda: False) == 1
    assert "run it in a terminal" in capsys.readouterr().err
    # Localhost is never asked.
    assert share_options(ns(bind="127.0.0.1:0"), "run", ask=say("n")) == ShareOptions(
        "127.0.0.1", 0, None
    )


def test_the_cli_refuses_before_opening_the_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agenda = Path(__file__).resolve().parent.parent / "agendas" / "monthly-member-call.toml"
    code = main(["run", str(agenda), "--minutes-dir", str(tmp_path), "--bind", "0.0.0.0"])
    assert code == 2 and "go with --share" in capsys.readouterr().err
    code = main(["resume", "--minutes-dir", str(tmp_path), "--share", "--bind", "x:y"])
    assert code == 2 and "port must be a number" in capsys.readouterr().err


def test_member_hands_setting(tmp_path: Path) -> None:
    f = tmp_path / "settings.toml"
    f.write_text('bell = false\nmember_hands = "inbox"\n')
    assert load_settings(f).member_hands == "inbox"
    f.write_text('bell = false\nmember_hands = "queue"\n')
    with pytest.raises(SettingsError, match=r"settings.toml:2: member_hands must be"):
        load_settings(f)


def test_qr_drawing_is_the_code_segno_made() -> None:
    url = "https://meet.example.org/?code=k7m2q-x9w4e-abcde-fghjk"
    lines = qr_lines(url, border=2)
    matrix = [
        list(row) for row in segno.make(url, error="m", boost_error=False).matrix_iter(border=2)
    ]
    if len(matrix) % 2:
        matrix.append([0] * len(matrix[0]))
    top = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}
    drawn = []
    for line in lines:
        pairs = [top[ch] for ch in line]
        drawn.append([a for a, _ in pairs])
        drawn.append([b for _, b in pairs])
    assert drawn == [[int(bool(v)) for v in row] for row in matrix]
