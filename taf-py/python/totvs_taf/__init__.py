"""TOTVS TAF SDK for Python: typed, fast models of the TAF ``WSTAFST2`` REST service.

Decoders turn any server answer into typed objects (``decode_post``, ``decode_get``,
``decode_delete``); encoders write requests exactly as the server expects them
(``encode_post_request``, ``encode_delete_request``, ``GetQuery``). ``build_lotes`` turns
XML/TXT events into POST bodies and ``preflight`` predicts the server's verdict on one, with
every silent failure the server would not report, and ``validate_event`` checks an eSocial
event against its layout's schema. ``Emulator`` is the server in-process.
Errors derive from :class:`TafError`, a ``ValueError``.
"""

from __future__ import annotations

from ._enums import (
    DeleteType,
    Disposition,
    FaultShape,
    KeyKind,
    Priority,
    ProcessStatus,
    RecordStatus,
    Severity,
    Step,
)
from . import live
from ._errors import DecodeError, LiveError, PagingError, TafError, ValidationError
from ._native import (
    DeleteResponse,
    Duplicate,
    Emulator,
    ErrorEntry,
    Fault,
    Finding,
    GetPage,
    GetQuery,
    Items,
    JobReport,
    KeyResult,
    NotFoundItem,
    Paginator,
    PendingItem,
    PostResponse,
    ProcessedItem,
    SchemaFinding,
    SchemaReport,
    StreamingError,
    UnknownOutcome,
    Verdict,
    __version__,
    build_lotes,
    decode_delete,
    decode_get,
    decode_post,
    encode_delete_request,
    encode_post_request,
    preflight,
    sniff_event,
    validate_event,
)
from .client import Client

__all__ = [
    "Client",
    "DecodeError",
    "Duplicate",
    "Emulator",
    "DeleteResponse",
    "DeleteType",
    "Disposition",
    "ErrorEntry",
    "Fault",
    "FaultShape",
    "Finding",
    "GetPage",
    "GetQuery",
    "Items",
    "JobReport",
    "KeyKind",
    "KeyResult",
    "LiveError",
    "NotFoundItem",
    "PagingError",
    "Paginator",
    "PendingItem",
    "PostResponse",
    "Priority",
    "ProcessStatus",
    "ProcessedItem",
    "RecordStatus",
    "SchemaFinding",
    "SchemaReport",
    "Severity",
    "Step",
    "StreamingError",
    "TafError",
    "UnknownOutcome",
    "ValidationError",
    "Verdict",
    "__version__",
    "build_lotes",
    "decode_delete",
    "decode_get",
    "decode_post",
    "encode_delete_request",
    "encode_post_request",
    "live",
    "preflight",
    "sniff_event",
    "validate_event",
]
