"""One exception family with stable codes users can search for.

Codes: E1xx bad input (exit 2), E2xx missing model or dependency (exit 3),
E3xx store. Anything else escaping the CLI is a bug (exit 1).
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(NewsdeskError):
    """The input cannot be read as an article (exit code 2)."""

    code = "E100"
    exit_code = 2


class InputNotFound(InputError):
    code = "E101"


class InputIsDirectory(InputError):
    code = "E102"


class InputEmpty(InputError):
    code = "E103"


class InputBinary(InputError):
    code = "E104"


class InputTooLarge(InputError):
    code = "E105"


class InputUndecodable(InputError):
    code = "E106"


class InputUnreadable(InputError):
    """The OS refused to read the input (permissions, device errors)."""

    code = "E107"


class BadOption(InputError):
    """A command-line option has an invalid value (a malformed date, say)."""

    code = "E110"


class MissingDependency(NewsdeskError):
    """A model or optional package is not installed (exit code 3); the message says how to install it."""

    code = "E200"
    exit_code = 3

    def __init__(self, message: str, *, install: str, source: str | None = None) -> None:
        super().__init__(f"{message}; install it with: {install}", source=source)
        self.install = install


class StoreError(NewsdeskError):
    """The desk's store cannot be used as asked: not a store, written by a newer newsdesk, busy (exit 2)."""

    code = "E300"
    exit_code = 2
