"""The one exception the pure rules of formguard raise: a Chinese message a person can act on."""

from __future__ import annotations


class Refused(ValueError):
    """Input refused by a rule; `message` is shown as is, `code` names the rule for tests and forms."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
