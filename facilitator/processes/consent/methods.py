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

from collections.abc import Mapping
from dataclasses import dataclass

from facilitator.core.errors import DomainError
from facilitator.i18n import N_, _, ngettext, pgettext
from facilitator.processes.keys_unit import Labels, mark

DEFAULT = "consent"
"""The method of a proposal when neither the item nor the meeting names one."""

PASS_MIN_DEFAULT = 3
"""Fist-to-five: the lowest count that lets a proposal pass, unless the item says."""


@dataclass(frozen=True)
class Position:
    """One position a person can take under a method."""

    id: str
    """How the journal and the front matter's `positions` name it ("consent", "object", "8")."""
    label_en: str
    """How it reads on screen and in the minutes, in English, marked for translation
    ("Objection", "8 · Veto"); `label` is it in the language in force."""
    says_en: str = ""
    """What taking it means, in the taker's words ("I can live with it"), for help."""
    reason: str = ""
    """"required" (an objection, a block, a veto, a fist), "asked" (welcome, may be left
    empty) or "" (no reason is asked)."""
    blocks: bool = False
    """Stops adoption until it is integrated, or the proposal amended and asked again."""
    front_key: str = ""
    """Its key in `[[decisions]] positions` when not its id ("objection" for "object")."""
    short_en: str = ""
    """A short label for the Footer ("Veto", "Endorse"); empty: the label."""
    fingers: int | None = None
    """Fist-to-five's counts from 1 up: the label is "{n} fingers", in the plural the
    language in force gives `n`."""

    @property
    def label(self) -> str:
        """How it reads on screen and in the minutes, in the language in force."""
        if self.fingers is not None:
            n = self.fingers
            return ngettext("{n} finger", "{n} fingers", n).format(n=n)
        return pgettext("position", self.label_en)

    @property
    def says(self) -> str:
        """What taking it means, in the language in force ("" when nothing is said)."""
        return _(self.says_en) if self.says_en else ""

    @property
    def short(self) -> str:
        """The Footer's short label in the language in force; empty: use the label."""
        return pgettext("short", self.short_en) if self.short_en else ""

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
    label_en: str
    """How it reads on the stage line ("Consent round", "Check for consensus"), in English
    and marked; `label` is it in the language in force."""
    help_en: str
    """What the facilitator does in it, one line, for F1 (may name `{pass_min}`)."""
    pass_min: int | None = None
    """Fist-to-five's pass line, for a help text that names it."""

    @property
    def label(self) -> str:
        """The stage's name in the language in force."""
        return pgettext("stage", self.label_en)

    @property
    def help(self) -> str:
        """What happens in it, in the language in force."""
        return _(self.help_en).format(pass_min=self.pass_min)


@dataclass(frozen=True)
class Method:
    """One decision method."""

    name: str
    """As an agenda names it (`method = "sofa-consent"`)."""
    title_en: str
    """As the screen and the minutes name it ("SoFA consent"), in English and marked; `title`
    is it in the language in force (in Spanish in lower case, as it is said mid-sentence:
    "consentimiento (SoFA)"; `heading` capitalises it)."""
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
    summary_en: str = ""
    """One or two lines on how the method works, for F1 (may name `{pass_min}`)."""
    pass_min: int | None = None
    """Fist-to-five: the lowest count that lets it pass."""

    @property
    def title(self) -> str:
        """The method's name in the language in force, as said mid-sentence."""
        return pgettext("method", self.title_en)

    @property
    def heading(self) -> str:
        """The method's name at the start of a line: its first letter capitalised."""
        title = self.title
        return title[:1].upper() + title[1:]

    @property
    def summary(self) -> str:
        """How the method works, in the language in force ("" when not said)."""
        return _(self.summary_en).format(pass_min=self.pass_min) if self.summary_en else ""

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
            return pgettext("stage", "Decided")
        found = next((s for s in self.stages if s.id == stage), None)
        return found.label if found else STAGE_FALLBACK.get(stage, stage)


STAGE_FALLBACK: Mapping[str, str] = Labels(
    "stage",
    {
        "present": mark.pgettext("stage", "Present the proposal"),
        "clarify": mark.pgettext("stage", "Clarifying questions"),
        "reactions": mark.pgettext("stage", "Quick reactions round"),
        "discuss": mark.pgettext("stage", "Discussion"),
        "consent": mark.pgettext("stage", "Consent round"),
        "integrate": mark.pgettext("stage", "Integrate objections"),
        "decided": mark.pgettext("stage", "Decided"),
    },
)
"""Stage labels for a stage the method does not list (an old journal's): consent's words,
in the language in force when read."""

_PRESENT = Stage(
    "present",
    mark.pgettext("stage", "Present the proposal"),
    N_("The proposer reads the proposal and its reasons."),
)
_CLARIFY = Stage(
    "clarify",
    mark.pgettext("stage", "Clarifying questions"),
    N_("Questions to understand it; no opinions yet."),
)

_CONSENT = Method(
    name="consent",
    title_en=mark.pgettext("method", "Consent"),
    positions=(
        Position(
            "consent",
            mark.pgettext("position", "Consent"),
            N_("I can work with it"),
            short_en=mark.pgettext("short", "Consent"),
        ),
        Position(
            "concern",
            mark.pgettext("position", "Concern"),
            N_("I consent, with a concern to record"),
            reason="asked",
        ),
        Position(
            "stand-aside",
            mark.pgettext("position", "Stand aside"),
            N_("I will not take part in it, and not stop it"),
            short_en=mark.pgettext("short", "Stand aside"),
        ),
        Position(
            "object",
            mark.pgettext("position", "Objection"),
            N_("It would harm what we are here for"),
            reason="required",
            blocks=True,
            front_key="objection",
            short_en=mark.pgettext("short", "Object"),
        ),
    ),
    stages=(
        _PRESENT,
        _CLARIFY,
        Stage(
            "reactions",
            mark.pgettext("stage", "Quick reactions round"),
            N_("Everyone reacts briefly, in circle order."),
        ),
        Stage(
            "consent",
            mark.pgettext("stage", "Consent round"),
            N_("Everyone in turn: consent, concern, stand aside or objection."),
        ),
        Stage(
            "integrate",
            mark.pgettext("stage", "Integrate objections"),
            N_("Change the proposal to meet each objection; then ask again."),
        ),
    ),
    yes="consent",
    synonyms=(("agree", "consent"), ("block", "object"), ("objection", "object")),
    summary_en=N_("Sociocratic consent: a proposal is adopted when nobody has an objection left."),
)

_SOFA = Method(
    name="sofa-consent",
    title_en=mark.pgettext("method", "SoFA consent"),
    positions=(
        Position(
            "consent",
            mark.pgettext("position", "Consent"),
            N_("I can live with it and support it"),
            short_en=mark.pgettext("short", "Consent"),
        ),
        Position(
            "object",
            mark.pgettext("position", "Objection"),
            N_("It would keep us from reaching our aims"),
            reason="required",
            blocks=True,
            front_key="objection",
            short_en=mark.pgettext("short", "Objection"),
        ),
    ),
    stages=(
        _PRESENT,
        Stage(
            "clarify",
            mark.pgettext("stage", "Clarifying round"),
            N_("In a round, everyone may ask a question to understand it."),
        ),
        Stage(
            "reactions",
            mark.pgettext("stage", "Quick-reaction round"),
            N_("In a round, everyone says briefly how they feel about it."),
        ),
        Stage(
            "consent",
            mark.pgettext("stage", "Consent round"),
            N_("Everyone in turn: consent, or objection with its reason."),
        ),
        Stage(
            "integrate",
            mark.pgettext("stage", "Integrate the objection"),
            N_("Change the proposal to meet the objection; then the consent round runs again."),
        ),
    ),
    yes="consent",
    synonyms=(("agree", "consent"), ("objection", "object"), ("no-objection", "consent")),
    summary_en=N_(
        "As Sociocracy For All publishes it: consent or objection only (no concerns, no "
        "abstentions); an objection is integrated and the consent round runs again."
    ),
)

_S3 = Method(
    name="s3-consent",
    title_en=mark.pgettext("method", "S3 consent"),
    positions=(
        Position(
            "no-objection",
            mark.pgettext("position", "No objection"),
            N_("I see no reason it would cause harm"),
        ),
        Position(
            "concern",
            mark.pgettext("position", "Concern"),
            N_("It does not block; worth considering after we agree"),
            reason="asked",
        ),
        Position(
            "object",
            mark.pgettext("position", "Objection"),
            N_("It would cause harm, or there is a worthwhile way to improve it now"),
            reason="required",
            blocks=True,
            front_key="objection",
            short_en=mark.pgettext("short", "Objection"),
        ),
    ),
    stages=(
        _PRESENT,
        Stage(
            "clarify",
            mark.pgettext("stage", "Check for understanding"),
            N_("Clarifying questions until the proposal is understood."),
        ),
        Stage(
            "reactions",
            mark.pgettext("stage", "Response round"),
            N_("Optionally, a brief round of responses to it."),
        ),
        Stage(
            "consent",
            mark.pgettext("stage", "Check for objections"),
            N_("Everyone in turn: no objection, concern, or objection."),
        ),
        Stage(
            "integrate",
            mark.pgettext("stage", "Resolve objections"),
            N_("One objection at a time, in the order raised; it blocks until resolved."),
        ),
    ),
    yes="no-objection",
    one_at_a_time=True,
    concerns_after=True,
    synonyms=(("consent", "no-objection"), ("objection", "object"), ("agree", "no-objection")),
    summary_en=N_(
        "As Sociocracy 3.0 publishes it: objections block until resolved, one at a time; a "
        "concern never blocks and is recorded to consider after the agreement."
    ),
)

_CONSENSUS = Method(
    name="consensus",
    title_en=mark.pgettext("method", "Consensus"),
    positions=(
        Position("agree", mark.pgettext("position", "Agree"), N_("I support it")),
        Position(
            "stand-aside",
            mark.pgettext("position", "Stand aside"),
            N_("I cannot support it, and will not stop it"),
            reason="asked",
            short_en=mark.pgettext("short", "Stand aside"),
        ),
        Position(
            "block",
            mark.pgettext("position", "Block"),
            N_("I cannot let the group do this"),
            reason="required",
            blocks=True,
        ),
    ),
    stages=(
        _PRESENT,
        _CLARIFY,
        Stage(
            "discuss",
            mark.pgettext("stage", "Discussion"),
            N_("Open discussion of concerns and changes."),
        ),
        Stage(
            "consent",
            mark.pgettext("stage", "Check for consensus"),
            N_("Everyone in turn: agree, stand aside or block."),
        ),
    ),
    yes="agree",
    stops=True,
    integrates=False,
    synonyms=(("consent", "agree"), ("object", "block"), ("objection", "block")),
    legacy=("concern",),
    summary_en=N_("Consensus: a block stops the proposal; amend it and check again, or record it."),
)

_GRADIENTS = Method(
    name="gradients",
    title_en=mark.pgettext("method", "Gradients of agreement"),
    positions=(
        Position(
            "1",
            mark.pgettext("position", "1 · Whole-hearted endorsement"),
            N_("I really like it"),
            short_en=mark.pgettext("short", "Endorse"),
        ),
        Position(
            "2",
            mark.pgettext("position", "2 · Agreement with a minor point of contention"),
            N_("Basically, I like it"),
            short_en=mark.pgettext("short", "Minor point"),
        ),
        Position(
            "3",
            mark.pgettext("position", "3 · Support with reservations"),
            N_("I can live with it"),
            reason="asked",
            short_en=mark.pgettext("short", "Reservations"),
        ),
        Position(
            "4",
            mark.pgettext("position", "4 · Abstain"),
            N_("I have no opinion"),
            short_en=mark.pgettext("short", "Abstain"),
        ),
        Position(
            "5",
            mark.pgettext("position", "5 · More discussion needed"),
            N_("I don't understand the issue well enough yet"),
            reason="asked",
            short_en=mark.pgettext("short", "Discuss more"),
        ),
        Position(
            "6",
            mark.pgettext("position", "6 · Don't like but will support"),
            N_("I don't like this, but I won't hold up the group"),
            reason="asked",
            short_en=mark.pgettext("short", "Dislike, support"),
        ),
        Position(
            "7",
            mark.pgettext("position", "7 · Serious disagreement"),
            N_("I'm not on board with this"),
            reason="asked",
            short_en=mark.pgettext("short", "Disagree"),
        ),
        Position(
            "8",
            mark.pgettext("position", "8 · Veto"),
            N_("I block this proposal"),
            reason="required",
            blocks=True,
            short_en=mark.pgettext("short", "Veto"),
        ),
    ),
    stages=(
        _PRESENT,
        _CLARIFY,
        Stage(
            "consent",
            mark.pgettext("stage", "Everyone places themselves"),
            N_("Each person names a point from 1 to 8; the spread is minuted."),
        ),
    ),
    yes="3",
    stops=True,
    integrates=False,
    synonyms=(("veto", "8"), ("abstain", "4"), ("endorse", "1")),
    summary_en=N_(
        "Kaner's gradients of agreement: everyone places themselves from 1 (whole-hearted "
        "endorsement) to 8 (veto); the minutes show the spread; a veto stops it."
    ),
)

_FIST_SAYS = (
    N_("A fist: I block it"),
    N_("I have serious reservations"),
    N_("I have reservations to discuss"),
    N_("I can live with it"),
    N_("I support it"),
    N_("I strongly support it"),
)
"""What each count of fist-to-five says, from the fist (0) to five."""


def _fist(pass_min: int) -> Method:
    """Fist-to-five with its pass line: a count below `pass_min` blocks and needs a reason."""
    fist = mark.pgettext("short", "Fist")
    positions = tuple(
        Position(
            str(n),
            mark.pgettext("position", "0 · Fist")
            if n == 0
            else "1 finger"
            if n == 1
            else f"{n} fingers",
            _FIST_SAYS[n],
            reason="required" if n < pass_min or n == 0 else "",
            blocks=n < pass_min,
            short_en=fist if n == 0 else "",
            fingers=None if n == 0 else n,
        )
        for n in range(6)
    )
    return Method(
        name="fist-to-five",
        title_en=mark.pgettext("method", "Fist to five"),
        positions=positions,
        stages=(
            _PRESENT,
            _CLARIFY,
            Stage(
                "consent",
                mark.pgettext("stage", "Show of fingers"),
                N_("Everyone shows 0 to 5; below {pass_min} says why."),
                pass_min=pass_min,
            ),
        ),
        yes=str(max(PASS_MIN_DEFAULT, pass_min)),
        stops=True,
        integrates=False,
        synonyms=(("fist", "0"),),
        summary_en=N_("Fist to five: it passes when nobody shows fewer than {pass_min}."),
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
        # The label in English and in the language in force ("Stand aside", "Objeción"), and
        # the short one the keys show ("Objeto").
        for text in (p.label_en, p.label, p.short or p.label):
            if w == word(text.split("·")[-1]) or w == word(text):
                return p.id
    offered = ", ".join(p.label for p in method.positions)
    raise DomainError(
        _("{response} is not a response under the {method} method; use one of: {offered}").format(
            response=repr(response.strip()), method=method.name, offered=offered
        )
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


_PASS_MIN_OFF_FIST = N_(
    '`pass_min` is the pass line of fist-to-five: it needs method = "fist-to-five"'
)


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
    return [(("pass_min",), _(_PASS_MIN_OFF_FIST))]


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
        names = ", ".join(NAMES)
        said = (
            _('`method` is "{method}", but must be one of {names}; did you mean "{hint}"?')
            if hint
            else _('`method` is "{method}", but must be one of {names}')
        )
        out.append((("method",), said.format(method=method, names=names, hint=hint)))
    pass_min = item.get("pass_min")
    if pass_min is not None:
        if isinstance(pass_min, int) and not isinstance(pass_min, bool) and not 0 <= pass_min <= 5:
            out.append(
                (
                    ("pass_min",),
                    _("`pass_min` is {value}, but must be from 0 (fist) to 5").format(
                        value=pass_min
                    ),
                )
            )
        if isinstance(method, str) and method != "fist-to-five":
            out.append((("pass_min",), _(_PASS_MIN_OFF_FIST)))
    return out


def _suggest(name: str) -> str | None:
    import difflib  # only for a did-you-mean: not on the path of a good agenda

    match = difflib.get_close_matches(name.strip().lower(), list(NAMES), n=1, cutoff=0.5)
    return match[0] if match else None
