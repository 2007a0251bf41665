"""A network repository: one git repository, one folder per circle, shared minutes only.

`publish` copies a meeting's shared minutes into `<repo>/<circle-slug>/`,
commits them, then pulls with rebase and pushes. It drives the real `git`
binary as a subprocess: git's own merge, locking and transport are what
members already trust, and a reimplementation would diverge from them.

Each meeting is a new file under a new name, so two circles publishing at
once never touch the same path: a rejected push is followed by another
`pull --rebase`, which always applies cleanly. A published file is never
edited in place; publishing different content under a name already taken
is refused.

The messages a user may see (git missing, a file that cannot be published, a push still
pending) are translated; what goes into the shared repository (commit messages, the
ignore files' comment) stays English, so every clone in every language holds the same text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.i18n import _
from facilitator.store.archive_index import INDEX_DIR_NAME, conflict_copy, is_minutes_name
from facilitator.store.archive_read import MalformedMinutes, read_front_matter
from facilitator.store.minutes_paths import circle_slug
from facilitator.store.private_dir import PRIVATE_DIR_NAME

__all__ = ["IGNORE_LINES", "GitError", "Outcome", "PublishError", "publish", "sync"]

IGNORE_LINES = (PRIVATE_DIR_NAME, INDEX_DIR_NAME, "*.journal", "*.private.md")
"""What never enters the network repository: private folders, the index cache, journals."""

NO_CIRCLE = "no-circle"
"""The folder for minutes whose agenda named no circle."""

_NO_CIRCLE_LABEL = "no circle"
"""How a commit message names a meeting with no circle (commit messages stay English)."""

PUSH_ATTEMPTS = 20
"""How often a push rejected by another circle's push is retried after a fresh rebase."""


class GitError(Exception):
    """git failed; the message is git's own last line, with the command that failed."""


class PublishError(Exception):
    """A file that must not be published (a draft, a private record, a journal...)."""


@dataclass
class Outcome:
    """What publish or sync did, for the command to tell the facilitator."""

    published: list[Path] = field(default_factory=list)
    """Files added to the repository (their path inside it)."""
    already: list[Path] = field(default_factory=list)
    """Files already in the repository with the same content: nothing to do."""
    pushed: bool = False
    """Whether the remote now has every local commit."""
    pending: str = ""
    """Why the push is still pending ("" when pushed or when there is no remote)."""
    remote: str = ""
    """The remote pushed to ("" when none is configured)."""


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    # LC_ALL=C keeps git's messages stable; GIT_TERMINAL_PROMPT=0 so a missing
    # credential fails instead of waiting for a password nobody sees.
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed (the `git` command was not found)")) from None
    if check and done.returncode != 0:
        raise GitError(_("git {command} failed: {last}").format(command=args[0], last=_last(done)))
    return done


def repo_root(repo: Path) -> Path:
    """The top of the git work tree at `repo`; GitError when it is not one."""
    if not repo.is_dir():
        raise GitError(_("{repo}: no such folder").format(repo=repo))
    done = _git(repo, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise GitError(
            _("{repo} is not a git repository (run `git clone` or `git init` first)").format(
                repo=repo
            )
        )
    return Path(done.stdout.strip())


def check_publishable(path: Path) -> tuple[str, str]:
    """(circle folder, meeting label) of a shared, final minutes file; PublishError otherwise."""
    name = path.name
    if PRIVATE_DIR_NAME in path.parts or name.endswith(".private.md"):
        raise PublishError(
            _("{path}: is a private record; it never leaves this laptop").format(path=path)
        )
    if name.endswith(".journal") or not name.endswith(".md"):
        raise PublishError(
            _("{path}: is not a minutes file (only shared minutes are published)").format(path=path)
        )
    if not is_minutes_name(name):
        raise PublishError(
            _("{path}: is not named like minutes (YYYY-MM-DD-….md)").format(path=path)
        )
    if conflict_copy(name):
        raise PublishError(
            _("{path}: is a sync tool's conflict copy; publish the original").format(path=path)
        )
    if not path.is_file():
        raise PublishError(_("{path}: no such file").format(path=path))
    try:
        front = read_front_matter(path)
    except MalformedMinutes as exc:
        raise PublishError(f"{path}: {exc}") from None
    if front.status != "final":
        raise PublishError(
            _("{path}: is a draft (status = {status}); end the meeting, then publish").format(
                path=path, status=repr(front.status)
            )
        )
    # For the commit message: English in every clone, like the rest of the shared history.
    circle = front.circle or _NO_CIRCLE_LABEL
    label = f"{front.title} ({circle}, {front.date.isoformat()})"
    return circle_slug(front.circle) or NO_CIRCLE, label


def _ensure_ignores(root: Path) -> list[str]:
    """Write the root `.gitignore` and `.stignore` when missing; the names written."""
    written = []
    for name, lines in (
        (".gitignore", [f"{p}/" if not p.startswith("*") else p for p in IGNORE_LINES]),
        (".stignore", [f"(?d){p}" for p in IGNORE_LINES]),
    ):
        target = root / name
        if target.exists():
            continue
        # Identical text in every clone: two circles adding it at once merge cleanly.
        target.write_text(
            "# facilitator: private data and the index cache never leave a laptop.\n"
            + "".join(f"{ln}\n" for ln in lines),
            encoding="utf-8",
        )
        written.append(name)
    return written


def _remote(root: Path) -> str:
    names = _git(root, "remote").stdout.split()
    return "origin" if "origin" in names else (names[0] if names else "")


def _branch(root: Path) -> str:
    return _git(root, "symbolic-ref", "--short", "HEAD").stdout.strip()


def _push(root: Path, outcome: Outcome) -> None:
    """Pull with rebase and push until the remote has every local commit, or say why not."""
    remote = _remote(root)
    outcome.remote = remote
    if not remote:
        return
    branch = _branch(root)
    for _attempt in range(PUSH_ATTEMPTS):
        heads = _git(root, "ls-remote", "--heads", remote, branch, check=False)
        if heads.returncode != 0:
            outcome.pending = _(
                "cannot reach {remote}; committed locally, the push is pending"
            ).format(remote=remote)
            return
        if heads.stdout.strip():
            pulled = _git(root, "pull", "--rebase", "--quiet", remote, branch, check=False)
            if pulled.returncode != 0:
                _git(root, "rebase", "--abort", check=False)
                outcome.pending = _(
                    "pull from {remote} failed ({last}); committed locally, the push is pending"
                ).format(remote=remote, last=_last(pulled))
                return
        pushed = _git(root, "push", "--quiet", remote, f"HEAD:refs/heads/{branch}", check=False)
        if pushed.returncode == 0:
            _git(root, "branch", f"--set-upstream-to={remote}/{branch}", check=False)
            outcome.pushed = True
            return
        # Rejected because another circle pushed first: rebase on theirs and try again.
    outcome.pending = _("{remote} kept changing; committed locally, the push is pending").format(
        remote=remote
    )


def _last(done: subprocess.CompletedProcess[str]) -> str:
    """git's own last line (in English: it runs under LC_ALL=C), else its exit status."""
    lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
    return lines[-1] if lines else _("exit status {code}").format(code=done.returncode)


def publish(repo: Path, files: list[Path]) -> Outcome:
    """Put `files` into their circles' folders of `repo`, commit, pull --rebase and push."""
    root = repo_root(repo)
    plan = []
    for path in files:
        folder, label = check_publishable(path)
        dest = root / folder / path.name
        data = path.read_bytes()
        # Checked for every file before any is copied: a refused call publishes nothing.
        if dest.exists() and dest.read_bytes() != data:
            raise PublishError(
                _(
                    "{path}: already published with other content; published minutes are"
                    " never edited in place"
                ).format(path=dest.relative_to(root))
            )
        plan.append((path, dest, label, data))
    outcome = Outcome()
    to_add: list[str] = []
    labels: list[str] = []
    for source, dest, label, data in plan:
        if dest.exists():
            outcome.already.append(dest.relative_to(root))
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.tmp")
        tmp.write_bytes(data)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dest)
        shutil.copystat(source, dest)
        to_add.append(str(dest.relative_to(root)))
        labels.append(label)
        outcome.published.append(dest.relative_to(root))
    to_add += _ensure_ignores(root)
    if to_add:
        # Only the named paths are added: nothing else in the work tree is ever picked up.
        _git(root, "add", "--", *to_add)
        message = (
            f"Minutes: {labels[0]}" if len(labels) == 1 else f"Minutes of {len(labels)} meetings"
        )
        if not labels:
            message = "Ignore private data and the index cache"
        body = "".join(f"- {lb}\n" for lb in labels) if len(labels) > 1 else ""
        _git(root, "commit", "--quiet", "-m", message + ("\n\n" + body if body else ""))
    _push(root, outcome)
    return outcome


def sync(repo: Path) -> Outcome:
    """Pull with rebase and push what earlier publishes left pending."""
    root = repo_root(repo)
    outcome = Outcome()
    _push(root, outcome)
    return outcome
