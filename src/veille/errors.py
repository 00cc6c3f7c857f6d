"""Errors a user sees: one line naming the input and the reason."""
from __future__ import annotations


class VeilleError(Exception):
    """Base class for errors reported to the user without a traceback."""


class InputError(VeilleError):
    """An input that cannot be analysed. ``reason`` is a short code, ``detail`` a readable sentence.

    Reasons: ``missing``, ``empty``, ``binary``, ``undecodable``, ``not-an-article``, ``too-large``,
    ``not-french``, ``bad-record``, ``unsupported``.
    """

    def __init__(self, origin: str, reason: str, detail: str):
        self.origin, self.reason, self.detail = origin, reason, detail
        super().__init__(f"{origin}: {reason}: {detail}")
