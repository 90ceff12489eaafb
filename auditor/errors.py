"""One error base for the whole tool; the CLI turns it into one line and an exit code."""

from __future__ import annotations


class AuditorError(Exception):
    """A problem the user can fix: bad input, a missing file, a broken catalog.

    Carries the file and line so the message points at the cause; the CLI prints
    ``str(error)`` on one line and exits with ``exit_code``.
    """

    exit_code = 2

    def __init__(self, message: str, *, file: object = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class InputError(AuditorError):
    """Bad input from a file, an option or an argument (exit 2)."""


class CatalogError(InputError):
    """A framework or control catalog does not load."""


class DossierError(InputError):
    """A vendor dossier is missing or malformed."""


class EvidenceError(InputError):
    """The evidence store cannot do what was asked."""


class IntegrityError(AuditorError):
    """Stored data no longer matches its recorded hash (exit 1: the check ran and failed)."""

    exit_code = 1


class ScreeningError(InputError):
    """A screening list is missing, empty or unreadable."""


class SigningError(InputError):
    """Keys or certificates cannot be loaded or used."""
