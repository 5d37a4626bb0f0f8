"""Lotes that know what they hold: POST bodies as ``bytes``, with their ticket and keys."""

from __future__ import annotations

from typing import Optional, Sequence

from . import _native


class Lote(bytes):
    """A POST body, exactly as it is sent (a ``bytes``), that knows its ``ticket_code`` and the
    ``keys`` of its items in order. Wrap a lote read from a file with ``Lote(data)``; both are
    read from the body on first use (``DecodeError`` when it is not a lote).
    """

    _summary: Optional[tuple[str, list[str]]] = None

    def _read(self) -> tuple[str, list[str]]:
        if self._summary is None:
            self._summary = _native.lote_summary(self)
        return self._summary

    @property
    def ticket_code(self) -> str:
        """The lote's ``ticketCode``."""
        return self._read()[0]

    @property
    def keys(self) -> list[str]:
        """The ``registryKey`` of every item, in lote order."""
        return list(self._read()[1])

    def __repr__(self) -> str:
        return f"Lote({len(self)} bytes)"


def build_lotes(
    events: Sequence[bytes],
    *,
    ticket_code: str,
    source_branch: str,
    keys: Optional[Sequence[Optional[str]]] = None,
    priority: Optional[str] = None,
    queue: bool = False,
    max_items: Optional[int] = None,
    max_bytes: Optional[int] = None,
) -> list[Lote]:
    """Builds POST bodies from events (XML or TXT ``bytes``): each a :class:`Lote`.

    Types are detected from the events; keys come from ``keys`` (one per event, ``None`` to
    derive it) or from each XML event's ``Id``. Lotes are split by ``max_items`` and
    ``max_bytes``. Raises ``ValidationError`` naming the event's index; warns
    (``UserWarning``) about what the server accepts but loses.
    """
    bodies = _native.build_lotes(
        events,
        ticket_code=ticket_code,
        source_branch=source_branch,
        keys=keys,
        priority=priority,
        queue=queue,
        max_items=max_items,
        max_bytes=max_bytes,
    )
    return [Lote(body) for body in bodies]
