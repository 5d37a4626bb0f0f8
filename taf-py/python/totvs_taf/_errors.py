"""The exception hierarchy: every error the library raises derives from :class:`TafError`."""

from __future__ import annotations

from typing import Optional


class TafError(ValueError):
    """Root of the library's errors; a ``ValueError`` so generic handlers still catch it.

    ``code`` is a stable machine-readable code, ``field`` the field concerned (a path such as
    ``items[3].statusCode``, empty for the whole input) and ``position`` a byte offset in the
    input when one applies.
    """

    def __init__(
        self, message: str, code: str = "", field: str = "", position: Optional[int] = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.position = position


class ValidationError(TafError):
    """Input that cannot become a request (``field`` names it, e.g. ``events[3]``)."""


class DecodeError(TafError):
    """A server answer or a request could not be decoded (``code`` is the decoder's kind)."""


class PagingError(TafError):
    """The paginator refused a page (``code`` names the guard: ``not_advancing``, ...)."""


class LiveError(TafError):
    """A Totvs Live answer that is a SOAP fault or cannot be used (``code`` is the kind).

    ``code == "invalid_access_key"`` means the key expired or is wrong: fetch a new one with
    ``ObterChaveAcessoLC_Integracao`` and retry once.
    """

    @property
    def invalid_access_key(self) -> bool:
        """Whether the caller should fetch a new access key."""
        return self.code == "invalid_access_key"
