"""TOTVS TAF SDK for Python: typed, fast models of the TAF ``WSTAFST2`` REST service.

Decoders turn any server answer into typed objects (``decode_post``, ``decode_get``,
``decode_delete``); encoders write requests exactly as the server expects them
(``encode_post_request``, ``encode_delete_request``, ``GetQuery``). Errors derive from
:class:`TafError`, a ``ValueError``.
"""

from __future__ import annotations

from ._enums import DeleteType, Disposition, FaultShape, KeyKind, Priority, RecordStatus
from ._errors import DecodeError, PagingError, TafError
from ._native import (
    DeleteResponse,
    Duplicate,
    Emulator,
    ErrorEntry,
    Fault,
    GetPage,
    GetQuery,
    Items,
    KeyResult,
    NotFoundItem,
    Paginator,
    PendingItem,
    PostResponse,
    ProcessedItem,
    StreamingError,
    __version__,
    decode_delete,
    decode_get,
    decode_post,
    encode_delete_request,
    encode_post_request,
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
    "GetPage",
    "GetQuery",
    "Items",
    "KeyKind",
    "KeyResult",
    "NotFoundItem",
    "PagingError",
    "Paginator",
    "PendingItem",
    "PostResponse",
    "Priority",
    "ProcessedItem",
    "RecordStatus",
    "StreamingError",
    "TafError",
    "__version__",
    "decode_delete",
    "decode_get",
    "decode_post",
    "encode_delete_request",
    "encode_post_request",
]
