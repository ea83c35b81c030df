"""User-facing errors, caught once in the CLI (clean message + exit code)."""

from __future__ import annotations


class SotayError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class InputError(SotayError):
    """A missing or unreadable input (file, directory, option)."""

    exit_code = 2


class DataError(SotayError):
    """Invalid content or data: every mistake found, one message each."""

    exit_code = 1

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class BuildError(SotayError):
    """The build itself failed (MkDocs, Pagefind, bundling)."""

    exit_code = 1
