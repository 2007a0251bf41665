"""The decision methods a proposal can be decided by, in one pure table.

Each `Method` says its positions (what a person may answer, in the order the panel
and the members' page offer them), which of them need a reason, which block, its
stages in order with what happens in each (the F1 help and the stage line read
them), and its outcome rule. The consent process (`model.py`) decides and folds
through this table only; the panel, the minutes and the members' view read it.

`consent` is the method from before there were methods: old agenda files and old
journals keep meaning exactly what they meant. `consensus` keeps accepting an old
journal's `concern` when it replays (positions are checked when a command is
decided, never when an event is folded).

Sources: Sociocracy For All (SoFA) consent; Sociocracy 3.0 consent decision-making;
Sam Kaner, *Facilitator's Guide to Participatory Decision-Making*, "Gradients of
Agreement"; fist-to-five as commonly taught.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.errors import DomainError

DEFAULT = "consent"
"""The method of a proposal when neither the item nor the meeting names one."""

PASS_MIN_DEFAULT = 3
"""Fist-to-five: the lowest count that lets a proposal pass, unless the item says."""


@dataclass(frozen=True)
class Position:
    """One position a person can take under a method."""

    id: str
    """How the journal and the front matter's `positions` name it ("consent", "object", "8")."""
    label: str
    """How it reads on screen and in the minutes ("Objection", "8 · Veto")."""
    says: str = ""
    """What taking it means, in the taker's words ("I can live with it"), for help."""
    reason: str = ""
    """"required" (an objection, a block, a veto, a fist), "asked" (welcome, may be left
    empty) or "" (no reason is asked)."""
    blocks: bool = False
    """Stops adoption until it is integrated, or the proposal amended and asked again."""
    front_key: str = ""
    """Its key in `[[decisions]] positions` when not its id ("objection" for "object")."""
    short: str = ""
    """A short label for the Footer ("Veto", "Endorse"); empty: the label."""

    @property
    def key(self) -> str:
        """Its key in the minutes' `positions` table."""
        return self.front_key or self.id.replace("-", "_")


@dataclass(frozen=True)
class Stage:
    """One stage of a method, in order."""

    id: str
    """The stage as the journal names it (`ConsentStageChanged`): present, clarify,
    reactions, discuss, consent (the round where positions are given) or integrate."""
    label: str
    """How it reads on the stage line ("Consent round", "Check for consensus")."""
    help: str
    """What the facilitator does in it, one line, for F1."""


@dataclass(frozen=True)
class Method:
    """One decision method."""

    name: str
    """As an agenda names it (`method = "sofa-consent"`)."""
    title: str
    """As the screen and the minutes name it ("SoFA consent")."""
    positions: tuple[Position, ...]
    """Every position, in the order offered (key 1 is the first)."""
    stages: tuple[Stage, ...]
    """Every stage a facilitator can move the proposal to, in order (then: decided)."""
    yes: str
    """The position consent by exception records for those not yet heard."""
    stops: bool = False
    """A standing blocking position stops the proposal (consensus, a veto, a low count):
    the tally then supports not-adopted. Otherwise (the consent family) an objection is
    integrated and the round runs again, and the tally supports nothing until it is."""
    integrates: bool = True
    """Objections are integrated (the `I` key); methods where a block stops the proposal
    have no integration stage (amending and asking again is still possible)."""
    one_at_a_time: bool = False
    """S3: objections are resolved one at a time, in the order they were raised."""
    concerns_after: bool = False
    """S3: concerns are recorded to consider after the agreement (listed under the decision)."""
    synonyms: tuple[tuple[str, str], ...] = ()
    """Other words accepted for a position (word, position id), e.g. agree → consent."""
    legacy: tuple[str, ...] = ()
    """Positions an old journal may hold that are no longer offered (consensus's concern)."""
    summary: str = ""
    """One or two lines on how the method works, for F1."""
    pass_min: int | None = None
    """Fist-to-five: the lowest count that lets it pass."""

    def ids(self) -> tuple[str, ...]:
        """The position ids, in order."""
        return tuple(p.id for p in self.positions)

    @property
    def first_key(self) -> int:
        """The digit key of the first position: 0 for fist-to-five (its counts are the
        digits), else 1."""
        return 0 if self.name == "fist-to-five" else 1

    def key_positions(self) -> tuple[tuple[str, Position], ...]:
        """Each position with its digit key, in order ("1" is consent's consent, "8" the
        veto of gradients, "0" the fist)."""
        return tuple((str(n + self.first_key), p) for n, p in enumerate(self.positions))

    def by_key(self, digit: str) -> Position | None:
        """The position a digit key gives, if the method has one there."""
        return dict(self.key_positions()).get(digit)

    def position(self, pid: str) -> Position | None:
        """The position called `pid`, if this method has it."""
        return next((p for p in self.positions if p.id == pid), None)

    def stage_ids(self) -> tuple[str, ...]:
        """The stage ids, in order (without decided)."""
        return tuple(s.id for s in self.stages)

    def stage_label(self, stage: str) -> str:
        """How `stage` reads under this method (an unknown one: as it is written)."""
        if stage == "decided":
            return "Decided"
        found = next((s for s in self.stages if s.id == stage), None)
        return found.label if found else STAGE_FALLBACK.get(stage, stage)


STAGE_FALLBACK = {
    "present": "Present the proposal",
    "clarify": "Clarifying questions",
    "reactions": "Quick reactions round",
    "discuss": "Discussion",
    "consent": "Consent round",
    "integrate": "Integrate objections",
    "decided": "Decided",
}
"""Stage labels for a stage the method does not list (an old journal's): consent's words."""

_PRESENT = Stage(
    "present", "Present the proposal", "The proposer reads the proposal and its reasons."
)

_CONSENT = Method(
    name="consent",
    title="Consent",
    positions=(
        Position("consent", "Consent", "I can work with it"),
        Position("concern", "Concern", "I consent, with a concern to record", reason="asked"),
        Position("stand-aside", "Stand aside", "I will not take part in it, and not stop it"),
        Position(
            "object",
            "Objection",
            "It would harm what we are here for",
            reason="required",
            blocks=True,
            front_key="objection",
            short="Object",
        ),
    ),
    stages=(
        _PRESENT,
        Stage("clarify", "Clarifying questions", "Questions to understand it; no opinions yet."),
        Stage("reactions", "Quick reactions round", "Everyone reacts briefly, in circle order."),
        Stage(
            "consent",
            "Consent round",
            "Everyone in turn: consent, concern, stand aside or objection.",
        ),
        Stage(
            "integrate",
            "Integrate objections",
            "Change the proposal to meet each objection; then ask again.",
        ),
    ),
    yes="consent",
    synonyms=(("agree", "consent"), ("block", "object"), ("objection", "object")),
    summary="Sociocratic consent: a proposal is adopted when nobody has an objection left.",
)

_SOFA = Method(
    name="sofa-consent",
    title="SoFA consent",
    positions=(
        Position("consent", "Consent", "I can live with it and support it"),
        Position(
            "object",
            "Objection",
            "It would keep us from reaching our aims",
            reason="required",
            blocks=True,
            front_key="objection",
        ),
    ),
    stages=(
        _PRESENT,
        Stage(
            "clarify",
            "Clarifying round",
            "In a round, everyone may ask a question to understand it.",
        ),
        Stage(
            "reactions",
            "Quick-reaction round",
            "In a round, everyone says briefly how they feel about it.",
        ),
        Stage(
            "consent", "Consent round", "Everyone in turn: consent, or objection with its reason."
        ),
        Stage(
            "integrate",
            "Integrate the objection",
            "Change the proposal to meet the objection; then the consent round runs again.",
        ),
    ),
    yes="consent",
    synonyms=(("agree", "consent"), ("objection", "object"), ("no-objection", "consent")),
    summary=(
        "As Sociocracy For All publishes it: consent or objection only (no concerns, no "
        "abstentions); an objection is integrated and the consent round runs again."
    ),
)

_S3 = Method(
    name="s3-consent",
    title="S3 consent",
    positions=(
        Position("no-objection", "No objection", "I see no reason it would cause harm"),
        Position(
            "concern",
            "Concern",
            "It does not block; worth considering after we agree",
            reason="asked",
        ),
        Position(
            "object",
            "Objection",
            "It would cause harm, or there is a worthwhile way to improve it now",
            reason="required",
            blocks=True,
            front_key="objection",
        ),
    ),
    stages=(
        _PRESENT,
        Stage(
            "clarify",
            "Check for understanding",
            "Clarifying questions until the proposal is understood.",
        ),
        Stage("reactions", "Response round", "Optionally, a brief round of responses to it."),
        Stage(
            "consent",
            "Check for objections",
            "Everyone in turn: no objection, concern, or objection.",
        ),
        Stage(
            "integrate",
            "Resolve objections",
            "One objection at a time, in the order raised; it blocks until resolved.",
        ),
    ),
    yes="no-objection",
    one_at_a_time=True,
    concerns_after=True,
    synonyms=(("consent", "no-objection"), ("objection", "object"), ("agree", "no-objection")),
    summary=(
        "As Sociocracy 3.0 publishes it: objections block until resolved, one at a time; a "
        "concern never blocks and is recorded to consider after the agreement."
    ),
)

_CONSENSUS = Method(
    name="consensus",
    title="Consensus",
    positions=(
        Position("agree", "Agree", "I support it"),
        Position(
            "stand-aside",
            "Stand aside",
            "I cannot support it, and will not stop it",
            reason="asked",
        ),
        Position(
            "block", "Block", "I cannot let the group do this", reason="required", blocks=True
        ),
    ),
    stages=(
        _PRESENT,
        Stage("clarify", "Clarifying questions", "Questions to understand it; no opinions yet."),
        Stage("discuss", "Discussion", "Open discussion of concerns and changes."),
        Stage("consent", "Check for consensus", "Everyone in turn: agree, stand aside or block."),
    ),
    yes="agree",
    stops=True,
    integrates=False,
    synonyms=(("consent", "agree"), ("object", "block"), ("objection", "block")),
    legacy=("concern",),
    summary="Consensus: a block stops the proposal; amend it and check again, or record it.",
)

_GRADIENTS = Method(
    name="gradients",
    title="Gradients of agreement",
    positions=(
        Position("1", "1 · Whole-hearted endorsement", "I really like it", short="Endorse"),
        Position(
            "2",
            "2 · Agreement with a minor point of contention",
            "Basically, I like it",
            short="Minor point",
        ),
        Position(
            "3",
            "3 · Support with reservations",
            "I can live with it",
            reason="asked",
            short="Reservations",
        ),
        Position("4", "4 · Abstain", "I have no opinion", short="Abstain"),
        Position(
            "5",
            "5 · More discussion needed",
            "I don't understand the issue well enough yet",
            reason="asked",
            short="Discuss more",
        ),
        Position(
            "6",
            "6 · Don't like but will support",
            "I don't like this, but I won't hold up the group",
            reason="asked",
            short="Dislike, support",
        ),
        Position(
            "7",
            "7 · Serious disagreement",
            "I'm not on board with this",
            reason="asked",
            short="Disagree",
        ),
        Position(
            "8", "8 · Veto", "I block this proposal", reason="required", blocks=True, short="Veto"
        ),
    ),
    stages=(
        _PRESENT,
        Stage("clarify", "Clarifying questions", "Questions to understand it; no opinions yet."),
        Stage(
            "consent",
            "Everyone places themselves",
            "Each person names a point from 1 to 8; the spread is minuted.",
        ),
    ),
    yes="3",
    stops=True,
    integrates=False,
    synonyms=(("veto", "8"), ("abstain", "4"), ("endorse", "1")),
    summary=(
        "Kaner's gradients of agreement: everyone places themselves from 1 (whole-hearted "
        "endorsement) to 8 (veto); the minutes show the spread; a veto stops it."
    ),
)


def _fist(pass_min: int) -> Method:
    """Fist-to-five with its pass line: a count below `pass_min` blocks and needs a reason."""
    says = {
        "0": "A fist: I block it",
        "1": "I have serious reservations",
        "2": "I have reservations to discuss",
        "3": "I can live with it",
        "4": "I support it",
        "5": "I strongly support it",
    }
    names = {"0": "0 · Fist", "1": "1 finger"}
    positions = tuple(
        Position(
            str(n),
            names.get(str(n), f"{n} fingers"),
            says[str(n)],
            reason="required" if n < pass_min or n == 0 else "",
            blocks=n < pass_min,
            short="Fist" if n == 0 else names.get(str(n), f"{n} fingers"),
        )
        for n in range(6)
    )
    return Method(
        name="fist-to-five",
        title="Fist to five",
        positions=positions,
        stages=(
            _PRESENT,
            Stage(
                "clarify", "Clarifying questions", "Questions to understand it; no opinions yet."
            ),
            Stage(
                "consent", "Show of fingers", f"Everyone shows 0 to 5; below {pass_min} says why."
            ),
        ),
        yes=str(max(PASS_MIN_DEFAULT, pass_min)),
        stops=True,
        integrates=False,
        synonyms=(("fist", "0"),),
        summary=f"Fist to five: it passes when nobody shows fewer than {pass_min}.",
        pass_min=pass_min,
    )


METHODS: dict[str, Method] = {
    m.name: m for m in (_CONSENT, _SOFA, _S3, _CONSENSUS, _GRADIENTS, _fist(PASS_MIN_DEFAULT))
}
"""Every method by name, in the order help and `facilitator new` list them."""

NAMES = tuple(METHODS)
"""The method names an agenda may write."""


def method_named(name: str | None, pass_min: int | None = None) -> Method:
    """The method called `name` (the default for None), with fist-to-five's pass line.

    An unknown name (an agenda `check` refuses it; a journal never holds one) falls back to
    consent, so that a hand-edited file can never stop a replay.
    """
    found = METHODS.get(name or DEFAULT, _CONSENT)
    if found.name == "fist-to-five" and pass_min is not None and pass_min != PASS_MIN_DEFAULT:
        return _fist(pass_min)
    return found


def word(text: str) -> str:
    """A typed position in the form ids take: lower case, dashes for spaces."""
    w = text.strip().lower().replace(" ", "-").replace("_", "-")
    return {"standaside": "stand-aside", "stand-asides": "stand-aside"}.get(w, w)


def normalize(method: Method, response: str) -> str:
    """`response` as one of the method's position ids; DomainError naming them if it is not.

    Accepted: the id, the label ("Stand aside", "Veto"), or a synonym of the method.
    """
    w = word(response)
    ids = method.ids()
    if w in ids:
        return w
    synonyms = dict(method.synonyms)
    if w in synonyms:
        return synonyms[w]
    for p in method.positions:
        label = word(p.label.split("·")[-1])
        if w == label or w == word(p.label):
            return p.id
    offered = ", ".join(p.label for p in method.positions)
    raise DomainError(
        f"{response.strip()!r} is not a response under the {method.name} method; "
        f"use one of: {offered}"
    )


def blocks(method: Method, pid: str) -> bool:
    """Whether position `pid` blocks under `method` (an old journal's unknown word: only the
    blocking words of before, object and block)."""
    found = method.position(pid)
    return found.blocks if found is not None else pid in ("object", "block")


def needs_reason(method: Method, pid: str) -> bool:
    """Whether position `pid` cannot be given without a reason."""
    found = method.position(pid)
    return found is not None and found.reason == "required"


_PASS_MIN_OFF_FIST = '`pass_min` is the pass line of fist-to-five: it needs method = "fist-to-five"'


def rule_issues(item: object, decision_rule: object) -> list[tuple[tuple[str | int, ...], str]]:
    """`pass_min` on a proposal without `method`, when the meeting's `decision_rule` (its
    method then) is not fist-to-five: the one method rule that needs the meeting."""
    from collections.abc import Mapping

    if not isinstance(item, Mapping) or item.get("method") is not None:
        return []
    if item.get("pass_min") is None or decision_rule is None:
        return []
    if str(decision_rule) == "fist-to-five":
        return []
    return [(("pass_min",), _PASS_MIN_OFF_FIST)]


def item_issues(item: object) -> list[tuple[tuple[str | int, ...], str]]:
    """The agenda rules of `method` and `pass_min` on one raw proposal item: an unknown
    method (with a did-you-mean), `pass_min` on a method other than fist-to-five or outside
    0 to 5. Key paths are inside the item. (`pass_min` without `method` is judged against
    the meeting's rule by `rule_issues`.)"""
    from collections.abc import Mapping

    if not isinstance(item, Mapping):
        return []
    out: list[tuple[tuple[str | int, ...], str]] = []
    method = item.get("method")
    # A value of the wrong type is the keys model's error (`ConsentKeys`), worded by the loader.
    if isinstance(method, str) and method not in METHODS:
        hint = _suggest(method)
        fix = f'; did you mean "{hint}"?' if hint else ""
        out.append(
            (("method",), f'`method` is "{method}", but must be one of {", ".join(NAMES)}{fix}')
        )
    pass_min = item.get("pass_min")
    if pass_min is not None:
        if isinstance(pass_min, int) and not isinstance(pass_min, bool) and not 0 <= pass_min <= 5:
            out.append((("pass_min",), f"`pass_min` is {pass_min}, but must be from 0 (fist) to 5"))
        if isinstance(method, str) and method != "fist-to-five":
            out.append((("pass_min",), _PASS_MIN_OFF_FIST))
    return out


def _suggest(name: str) -> str | None:
    import difflib  # only for a did-you-mean: not on the path of a good agenda

    match = difflib.get_close_matches(name.strip().lower(), list(NAMES), n=1, cutoff=0.5)
    return match[0] if match else None
