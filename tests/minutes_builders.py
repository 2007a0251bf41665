"""Representative meetings for the minutes tests, as `MinutesDoc`s.

These build the minutes' own data model directly. Once the engine's Session
lands, builders that drive the real Session (FakeClock, MemorySink) belong
here too, so the same meetings can be checked end to end.
"""

from __future__ import annotations

import datetime as dt

from facilitator.store.minutes_model import (
    ConsentRecord,
    Extension,
    ItemRecord,
    MinutesDoc,
    TalkEntry,
    Version,
)
from tests.minutes_records import (
    action,
    conflict,
    consent_round,
    credit,
    decision,
    integration,
    response,
    turn,
)

UTC = dt.UTC


def general_circle() -> MinutesDoc:
    """A full monthly meeting: a consent round with an amendment, a confidential item."""
    budget = "Adopt the 2027 budget"
    v1 = "We adopt the 2027 budget as circulated on 10 November."
    v2 = (
        "We adopt the 2027 budget as circulated on 10 November,\n"
        "with the outreach line reviewed in June."
    )
    return MinutesDoc(
        title="General Circle — November",
        circle="General Circle",
        date=dt.date(2026, 11, 24),
        status="final",
        started=dt.datetime(2026, 11, 24, 23, 2, 11, tzinfo=UTC),
        ended=dt.datetime(2026, 11, 25, 0, 41, 57, tzinfo=UTC),
        agenda_path="agendas/2026-11-general-circle.toml",
        location="Jitsi: meet.example.org/gc",
        facilitator="Ana Lima",
        notetaker="Bo Tran",
        timekeeper="Chen Wu",
        present=("Ana Lima", "Bo Tran", "Chen Wu", "Gus Ortiz"),
        guests=("Gus Ortiz",),
        absent=("Dee Okafor",),
        quorum=3,
        members_present=3,
        quorum_met=True,
        items=(
            ItemRecord(
                "item-1",
                "Check-in round",
                "round",
                "done",
                600,
                712,
                owner="Ana Lima",
                notes=("Everyone arrived; Bo is on a train (audio only).",),
                turns=(
                    turn("Ana Lima", 60),
                    turn("Bo Tran", 95),
                    turn("Chen Wu", 70),
                    turn("Gus Ortiz", 40),
                ),
            ),
            ItemRecord(
                "item-2",
                budget,
                "proposal",
                "done",
                1500,
                1860,
                owner="Treasury circle",
                extensions=(Extension(300, "more clarifying questions"),),
                notes=(
                    "Chen asked how the outreach line was sized.\n"
                    "Dee answered by mail before the meeting:\n"
                    "- 5k reserved\n"
                    "- 2k flexible",
                ),
                turns=(turn("Chen Wu", 120), turn("Ana Lima", 45), turn("Chen Wu", 30)),
                consent=ConsentRecord(
                    "consent",
                    (
                        Version(1, v1),
                        Version(2, v2, "integrates Chen Wu's objection"),
                    ),
                    rounds=(
                        consent_round(
                            1,
                            1,
                            (
                                response("Ana Lima", "consent"),
                                response("Bo Tran", "consent"),
                                response("Chen Wu", "object", "the outreach line is too small"),
                                response("Gus Ortiz", "concern", "bank fees went up", True),
                            ),
                        ),
                        consent_round(
                            2,
                            2,
                            (
                                response("Ana Lima", "consent"),
                                response("Bo Tran", "concern", "June is a tight timeline"),
                                response("Chen Wu", "consent"),
                            ),
                        ),
                    ),
                    integrations=(
                        integration(
                            "Chen Wu",
                            "the outreach line is too small",
                            "review the outreach line in June",
                        ),
                    ),
                    outcome="adopted-with-concerns",
                    review=dt.date(2027, 6, 1),
                    quorum_met=True,
                ),
            ),
            ItemRecord(
                "item-3",
                "Staff grievance",
                "discussion",
                "done",
                900,
                820,
                confidential=True,
                notes=("Heard both sides; mediation offered.",),
                turns=(turn("Bo Tran", 300), turn("Ana Lima", 200)),
                recused=("Chen Wu",),
            ),
            ItemRecord("item-4", "Outreach plan for spring", "discussion", "pending", 900),
        ),
        decisions=(
            decision(
                "2026-11-24-general-circle-november-1",
                budget,
                v2.replace("\n", " "),
                "adopted-with-concerns",
                "consent",
                {"consent": 2, "concern": 1},
                dt.date(2027, 6, 1),
            ),
        ),
        actions=(
            action("Send the adopted budget to the bank", "Chen Wu", dt.date(2026, 12, 1), budget),
            action("Book the mediator", "Ana Lima", None, "Staff grievance", confidential=True),
        ),
        credits=(
            credit("Dee Okafor", "Drafted the budget", "work", budget),
            credit("Bo Tran", "Kept notes from a train", "care", "Check-in round"),
        ),
        conflicts=(
            conflict(
                "Allocation of the outreach line",
                "Bo Tran",
                ("Bo Tran", "Chen Wu"),
                "open",
                "Facilitated conversation before next meeting",
                "Ana Lima",
                budget,
            ),
            conflict("Pay scale dispute", "Bo Tran", ("Bo Tran",), confidential=True),
        ),
        talk=(
            TalkEntry("Ana Lima", "item-1", 1, 60),
            TalkEntry("Bo Tran", "item-1", 1, 95),
            TalkEntry("Chen Wu", "item-1", 1, 70),
            TalkEntry("Gus Ortiz", "item-1", 1, 40),
            TalkEntry("Chen Wu", "item-2", 2, 150),
            TalkEntry("Ana Lima", "item-2", 1, 45),
            TalkEntry("Bo Tran", "item-3", 1, 300),
            TalkEntry("Ana Lima", "item-3", 1, 200),
        ),
    )


def working_group_draft() -> MinutesDoc:
    """A draft refreshed mid-meeting: one item running, one skipped, one added, one not reached."""
    return MinutesDoc(
        title="Tenants' union: repairs working group",
        circle=None,
        date=dt.date(2026, 11, 26),
        status="draft",
        started=dt.datetime(2026, 11, 26, 18, 0, 5, tzinfo=UTC),
        facilitator="Rosa Díaz",
        present=("Rosa Díaz", "Yusuf Ali", "Mei Chen"),
        absent=(),
        items=(
            ItemRecord(
                "item-1",
                "Reports from buildings",
                "report",
                "done",
                900,
                840,
                notes=("12 open repair requests; 3 older than 30 days.",),
                turns=(turn("Yusuf Ali", 240), turn("Mei Chen", 180)),
            ),
            ItemRecord("item-2", "Landlord letter", "discussion", "skipped", 600),
            ItemRecord(
                "item-4",
                "Heating outage at #12",
                "discussion",
                "running",
                300,
                200,
                added=True,
                notes=("Boiler out since Monday; *urgent*.",),
                turns=(turn("Mei Chen", 120),),
            ),
            ItemRecord("item-3", "Next steps", "discussion", "pending", 600),
        ),
        actions=(
            action(
                "Call the city heating hotline",
                "Mei Chen",
                dt.date(2026, 11, 27),
                "Heating outage at #12",
            ),
        ),
        talk=(
            TalkEntry("Yusuf Ali", "item-1", 1, 240),
            TalkEntry("Mei Chen", "item-1", 1, 180),
            TalkEntry("Mei Chen", "item-4", 1, 120),
        ),
    )


def coalition_consensus_block() -> MinutesDoc:
    """A consensus decision blocked, quorum not met, someone recused and someone left early."""
    return MinutesDoc(
        title="Food coalition: shared warehouse",
        circle="Food Coalition",
        date=dt.date(2026, 12, 3),
        status="final",
        started=dt.datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC),
        ended=dt.datetime(2026, 12, 3, 15, 48, 30, tzinfo=UTC),
        facilitator="Lena Park",
        present=("Lena Park", "Omar Haddad", "Sofía Ruiz"),
        absent=("Tom Baker", "Ines Costa"),
        left_early=("Omar Haddad",),
        quorum=4,
        members_present=3,
        quorum_met=False,
        items=(
            ItemRecord(
                "item-1",
                "Lease the shared warehouse",
                "proposal",
                "done",
                1800,
                2400,
                recused=("Omar Haddad",),
                turns=(turn("Sofía Ruiz", 300), turn("Lena Park", 120)),
                consent=ConsentRecord(
                    "consensus",
                    (Version(1, "We lease the warehouse at 14 Dock St for 3 years."),),
                    rounds=(
                        consent_round(
                            1,
                            1,
                            (
                                response("Lena Park", "agree"),
                                response("Sofía Ruiz", "block", "3 years is too long for us"),
                            ),
                        ),
                    ),
                    outcome="not-adopted",
                    quorum_met=False,
                ),
            ),
        ),
        decisions=(
            decision(
                "2026-12-03-food-coalition-shared-warehouse-1",
                "Lease the shared warehouse",
                "We lease the warehouse at 14 Dock St for 3 years.",
                "not-adopted",
                "consensus",
                {"block": 1},
            ),
        ),
        conflicts=(
            conflict(
                "Lease length",
                "Sofía Ruiz",
                ("Sofía Ruiz", "Lena Park"),
                "in-progress",
                "Bring a 1-year option",
                "Lena Park",
            ),
        ),
        talk=(
            TalkEntry("Sofía Ruiz", "item-1", 1, 300),
            TalkEntry("Lena Park", "item-1", 1, 120),
        ),
    )
