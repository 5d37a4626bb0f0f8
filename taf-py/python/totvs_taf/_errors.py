"""The exception hierarchy: every error the library raises derives from :class:`TafError`."""

from __future__ import annotations

from typing import Any, Optional, Sequence


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


class TransportError(TafError):
    """No answer came: the connection was refused or reset, the name did not resolve, or the
    server did not answer in time (``code`` is ``"transport"``; ``url`` the request's URL).

    Raised by every ``Client`` method; the original ``OSError`` is the ``__cause__``.
    """

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__(message, "transport")
        self.url = url


class RequestError(TafError):
    """The server answered, and the status policy gave up on the request.

    ``code`` is the policy's verdict: ``rejected`` (an HTTP 200 envelope, in ``entry``),
    ``invalid_request`` (faults 701, 703–705), ``bad_request``, ``unauthorized``,
    ``no_permission``, ``unprocessable``, ``unexpected_status``, ``wait_too_long``,
    ``retries_exhausted``, and for a POST (never sent twice) ``outcome_unknown`` (some items
    may be stored: look before sending again) or ``not_stored``. ``fault`` is the last answer
    when it was a fault, ``status`` its HTTP status.
    """

    status: int = 0
    fault: Optional[Any] = None
    entry: Optional[Any] = None


class PreflightError(ValidationError):
    """``Client.send`` refused to send: the preflight predicts a rejection in a lote.

    ``verdicts`` holds the verdict of every lote; ``field`` names the first bad one
    (``lotes[2]``). ``send(..., force=True)`` sends anyway.
    """

    verdicts: Sequence[Any] = ()
