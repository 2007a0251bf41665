"""The two kinds of failure a session reports; both carry a message fit to show as is."""

from __future__ import annotations


class DomainError(ValueError):
    """A command does not make sense now ("Bo is not in the stack"); nothing changed."""


class StorageError(Exception):
    """Events could not be saved; the session's state is unchanged."""
