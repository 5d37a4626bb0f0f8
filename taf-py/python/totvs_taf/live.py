"""Totvs Live connector: SOAP requests, response parsers, ``process_status`` and the Digibee
capsule contract.

Requests are :class:`LiveRequest` values (``url``, ``headers``, ``body``) to send with any HTTP
library; parsers take the response body and raise :class:`~totvs_taf.LiveError` for faults
(``error.invalid_access_key`` says when to fetch a new key) and unusable answers.
"""

from __future__ import annotations

import datetime

from ._enums import ProcessStatus
from ._errors import LiveError
from ._native import (
    LiveRequest,
    OutboundTicket,
    StatusItem,
    access_key_request,
    capsule,
    confirm_request,
    customer_request,
    parse_access_key,
    parse_confirmation,
    parse_customers,
    parse_status,
    parse_stores,
    process_status,
    status_request,
    stores_request,
    ticket_number_of,
)


def ticket_number(moment: datetime.datetime) -> str:
    """The inbound ticket number for a local time: ``0`` + ``YYMMDDHHMMSS`` + milliseconds."""
    return ticket_number_of(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond // 1000,
    )


__all__ = [
    "LiveError",
    "LiveRequest",
    "OutboundTicket",
    "ProcessStatus",
    "StatusItem",
    "access_key_request",
    "capsule",
    "confirm_request",
    "customer_request",
    "parse_access_key",
    "parse_confirmation",
    "parse_customers",
    "parse_status",
    "parse_stores",
    "process_status",
    "status_request",
    "stores_request",
    "ticket_number",
]
