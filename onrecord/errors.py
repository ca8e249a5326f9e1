"""onrecord's exceptions.

    OnrecordError
    ├── ReadError      a file that cannot be read as an article (names the file and the reason)
    ├── StoreError     the database cannot be opened or is of an unknown schema
    └── QueryError     a query parameter that cannot be used (bad date, unknown kind)
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base class of every error onrecord raises on purpose."""


class ReadError(OnrecordError):
    """An input that cannot be read as an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        return ReadError, (self.path, self.reason)


class StoreError(OnrecordError):
    """The store cannot be opened, migrated or written."""


class QueryError(OnrecordError):
    """A query parameter that cannot be used; `field` names it where one parameter is to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, str | None]]:
        return QueryError, (str(self), self.field)
