"""The core's and the archive's words in Spanish, and which language each one is said in.

- a refusal, a stack reason, a history row and a date are said in the language in force
  (the screen's), and the refusal still changes nothing;
- what the journal keeps (`Undone.what`, `FloorGiven.reason`) stays English: the history
  says it again from the events, in the reader's language;
- the members' view never shows a person's priority, in Spanish either;
- a skipped minutes file's reason is kept in the archive index in no language (its English
  message id and values) and said in the language of whoever reads it;
- the words `minutes_view.build` writes into the minutes follow the minutes' language.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from facilitator.core import commands as C
from facilitator.core import shared_screen as share
from facilitator.core.dates import describe_date, parse_date
from facilitator.core.history import history
from facilitator.core.public_view import public_view
from facilitator.core.stack import ordered
from facilitator.i18n import _, translator, using
from facilitator.store.archive import Archive
from facilitator.store.archive_index import INDEX_DIR_NAME, INDEX_FILE_NAME, SCHEMA_VERSION
from facilitator.store.archive_reason import Reason
from facilitator.store.minutes_view import build
from tests.engine_support import ANA, BO, CHEN, Meeting, make_agenda, on_item, started

ES = translator("es")
EN = translator("en")
PRIORITY_BO = make_agenda(
    participants=[{"name": ANA}, {"name": BO, "priority": True}, {"name": CHEN}],
)


# ---- the core: refusals, reasons, history, dates ------------------------------------------


def test_refusals_are_said_in_spanish_and_still_change_nothing() -> None:
    m = started()
    with using(ES):
        # `Meeting.refused` checks that neither the state nor the journal moved.
        m.refused(C.PauseItem(), "^no hay ningún punto en curso: inicien uno antes de pausar$")
        m.refused(C.Arrive("Ana Lim"), "¿quisieron decir Ana Lima\\?")
        m.refused(
            C.AddItem("  ", 300, "discussion"),
            "^falta el título del punto$",
        )
        m.refused(C.StartMeeting(()), "^la reunión ya empezó$")
    on = on_item()
    on.do(C.SetOffRecord(True))
    with using(ES):
        on.refused(
            C.ExtendTimebox(60, "more"),
            "^fuera de actas: una extensión del tiempo asignado debe quedar en el acta",
        )
    # The same refusal in English, word for word as before.
    on.refused(C.ExtendTimebox(60, "more"), "^off the record: a timebox extension belongs in")


def test_stack_reasons_in_spanish_and_the_journal_keeps_english() -> None:
    m = on_item(agenda=PRIORITY_BO, present=(ANA, BO, CHEN))
    m.do(C.Queue(ANA), C.Queue(BO), C.Queue(CHEN, "process"))
    with using(ES):
        reasons = [(p.entry.name, p.reason) for p in ordered(m.state)]
        m.do(C.GiveFloor())
    assert reasons == [
        (CHEN, "cuestión de procedimiento: va primero"),
        (BO, "aún no habló en este punto; se centra su voz (prioridad); 0 turnos hasta ahora"),
        (ANA, "aún no habló en este punto; 0 turnos hasta ahora"),
    ]
    floor = m.sink.records[-1]
    assert floor["type"] == "FloorGiven" and floor["reason"] == "point of process: goes first"


def test_undo_is_kept_in_english_and_the_history_says_it_in_the_readers_language() -> None:
    m = on_item()
    m.do(C.Queue(BO))
    with using(ES):
        m.do(C.Undo())
        rows = history(m.state)
    assert m.sink.records[-1]["what"] == "queued Bo Tran (speak)"  # data, not a screen
    assert [r.what for r in rows[-2:]] == [
        "se anotó a Bo Tran (hablar)",
        "se anotó a Bo Tran (hablar)",
    ]
    assert history(m.state)[-1].what == "queued Bo Tran (speak)"


def test_a_confidential_history_row_is_masked_in_spanish() -> None:
    m = on_item()
    m.do(C.RaiseConflict("budget dispute", confidential=True))
    with using(ES):
        row = history(m.state)[-1]
    assert row.confidential
    assert row.shared == "🔒 conflicto confidencial K1: consta en el registro privado"
    assert "budget" not in row.shared


def test_dates_are_said_with_the_catalogs_day_and_month_names() -> None:
    tue = dt.date(2026, 12, 1)
    with using(ES):
        assert describe_date(dt.date(2026, 12, 4), tue) == "vie 4 dic 2026 (en 3 días)"
        assert describe_date(dt.date(2026, 11, 25), tue) == "mié 25 nov 2026 (hace 6 días)"
        assert describe_date(tue, tue) == "mar 1 dic 2026 (hoy)"
        with pytest.raises(ValueError, match=r'^no se puede leer "someday" como fecha'):
            parse_date("someday", tue)
        with pytest.raises(ValueError, match=r"^no existe el día 31 en noviembre de 2027$"):
            parse_date("31 nov 2027", tue)
    assert describe_date(dt.date(2027, 9, 2), tue) == "Thu 2 Sep 2027 (in 275 days)"


def test_the_members_view_never_shows_priority_in_spanish_either() -> None:
    m = on_item(agenda=PRIORITY_BO, present=(ANA, BO, CHEN))
    m.do(C.Queue(BO))
    with using(ES):
        view = public_view(m.state, m.now)
        said = json.dumps(view.to_json(), ensure_ascii=False)
    assert [(w.name, w.reason, w.kind_label) for w in view.stack] == [
        (BO, "aún no habló en este punto; 0 turnos hasta ahora", "para hablar")
    ]
    assert "centra" not in said and "prioridad" not in said and "priority" not in said


def test_a_shared_screen_says_what_it_hides_in_the_screens_language() -> None:
    items = [
        {"title": "Open", "duration": 5},
        {"title": "Pay", "duration": 5, "confidential": True},
    ]
    m = on_item("item-1", make_agenda(items=items))
    m.do(C.SetOffRecord(True), C.AddAction("call the lawyer", BO), C.SetOffRecord(False))
    m.do(C.StartItem("item-2"), C.AddAction("pay the rent", BO))
    off, secret = m.state.actions
    with using(ES):
        said = (
            share.shared_title(m.state.items["item-2"]),
            share.private_why(secret),
            share.private_why(off),
            *(_(word) for word in (share.HIDDEN, share.OFF_RECORD)),
        )
    assert said == (
        "🔒 Punto confidencial",
        "confidencial",
        "fuera de actas",
        "🔒 oculto al compartir pantalla",
        "fuera de actas",
    )
    assert share.shared_title(m.state.items["item-2"]) == share.CONFIDENTIAL_TITLE  # English


# ---- the archive: reasons kept in no language ---------------------------------------------


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "2026-01-01-gc-no-front.md").write_text("just some notes\n", encoding="utf-8")
    (folder / "2026-01-02-gc-wrong.md").write_text(
        '+++\ntitle = "GC"\ndate = "2026-01-02"\n+++\n', encoding="utf-8"
    )
    return folder


def _reasons(folder: Path) -> dict[str, str]:
    with Archive.open(folder) as archive:
        return {p.path: p.reason for p in archive.report.problems}


SPANISH = {
    "2026-01-01-gc-no-front.md": (
        "no tiene encabezado: el archivo debe empezar con una línea `+++`"
    ),
    "2026-01-02-gc-wrong.md": "date debería ser una fecha como 2026-11-24, no un texto",
}
ENGLISH = {
    "2026-01-01-gc-no-front.md": "has no front matter: the file must open with a `+++` line",
    "2026-01-02-gc-wrong.md": "date should be a date like 2026-11-24, not a str",
}


def test_a_skipped_files_reason_is_said_in_the_language_of_each_reader(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    with using(ES):
        assert _reasons(folder) == SPANISH  # built by a Spanish run
    assert _reasons(folder) == ENGLISH  # read from the same index by an English one
    with using(ES):
        assert _reasons(folder) == SPANISH
    index = sqlite3.connect(folder / INDEX_DIR_NAME / INDEX_FILE_NAME)
    stored = [json.loads(p) for (p,) in index.execute("SELECT problem FROM files ORDER BY path")]
    index.close()
    assert stored == [
        {"m": "has no front matter: the file must open with a `+++` line", "v": {}},
        {
            "m": "{key} should be {want}, not a {got}",
            "v": {
                "got": {"m": "str", "v": {"got": "str"}},
                "key": "date",
                "want": {"m": "a date like 2026-11-24", "v": {}},
            },
        },
    ]


def test_an_index_from_before_reasons_were_kept_so_is_rebuilt(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    assert _reasons(folder) == ENGLISH
    path = folder / INDEX_DIR_NAME / INDEX_FILE_NAME
    index = sqlite3.connect(path, isolation_level=None)
    index.execute("UPDATE files SET problem = 'an old English reason'")
    index.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    index.close()
    with Archive.open(folder) as archive:
        assert archive.report.rebuilt == f"index schema {SCHEMA_VERSION - 1}, expected 6"
    with using(ES):
        assert _reasons(folder) == SPANISH


def test_a_reason_goes_to_text_and_back_and_old_text_is_shown_as_it_is() -> None:
    why = Reason("{key} is missing", (("key", "decisions[2].text"),))
    assert Reason.from_text(why.to_text()) == why
    with using(ES):
        assert str(why) == "falta decisions[2].text"
    assert str(Reason.from_text("is not a text file")) == "is not a text file"
    assert str(Reason.from_text('{"m": 3}')) == '{"m": 3}'
    # A placeholder the values do not fill never raises: the message is shown bare.
    assert str(Reason("{key} is missing")) == "{key} is missing"


# ---- the minutes' own words follow the minutes' language -----------------------------------


def test_notes_build_writes_follow_the_minutes_language_not_the_screens() -> None:
    m = Meeting(make_agenda(meeting={"language": "es"}))
    m.do(C.StartMeeting((ANA, BO)), C.StartItem("item-1"))
    m.do(C.SkipItem("item-2", "sin datos"), C.Queue(ANA), C.Undo())
    with using(EN):  # an English screen
        doc = build(m.state)
    item = next(i for i in doc.items if i.title == "Treasury report")
    assert "Omitido: sin datos" in item.notes
    assert [a.what for a in doc.undone_acts] == ["se anotó a Ana Lima (hablar)"]
    english = Meeting(make_agenda(meeting={"language": "en"}))
    english.do(C.StartMeeting((ANA, BO)), C.StartItem("item-1"), C.SkipItem("item-2", "no data"))
    with using(ES):  # a Spanish screen writing English minutes (for a federation)
        doc = build(english.state)
        unsaid = build(Meeting().state)  # no language in the agenda: the screen's
    assert "Skipped: no data" in next(i for i in doc.items if i.title == "Treasury report").notes
    assert unsaid.language is None
