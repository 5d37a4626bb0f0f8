"""Closed sets of values, as ``enum.Enum`` subclasses. Values are the strings on the wire."""

from __future__ import annotations

import enum


class KeyKind(enum.Enum):
    """Which key a search or an identifier is about."""

    TICKET_CODE = "ticketCode"
    REGISTRY_KEY = "registryKey"


class RecordStatus(enum.Enum):
    """Status of the TAF record (the GET ``statusCode``, trimmed)."""

    INTEGRATED = ""
    VALID = "0"
    INVALID = "1"
    TRANSMITTED = "2"
    INCONSISTENT = "3"
    AUTHORIZED = "4"
    EXCLUSION_REQUESTED = "6"
    EXCLUDED = "7"


class Priority(enum.Enum):
    """``registryPriority`` codes."""

    URGENT = "0"
    CRITICAL = "1"
    HIGH = "2"
    MEDIUM = "3"
    LOW = "4"
    NOT_PRIORITIZED = "5"


class DeleteType(enum.Enum):
    """``deleteType`` of a processed exclusion."""

    EXCLUSION = "1"
    DIRECT = "0"


class Disposition(enum.Enum):
    """What TAF does with a queued record after a TAFXERP error."""

    QUEUE = "queue"
    REJECT = "reject"


class FaultShape(enum.Enum):
    """The body shape of a framework fault."""

    CLASSIC = "classic"
    MODERN = "modern"
    RAW = "raw"


class Severity(enum.Enum):
    """How bad a preflight or schema finding is."""

    WARNING = "warning"
    ERROR = "error"


class Step(enum.Enum):
    """Where a preflight finding surfaces on the event's way to the government."""

    POST = "post"
    INTEGRATION = "integration"
    GOVERNMENT = "government"
    UNREPORTED = "unreported"


class ProcessStatus(enum.Enum):
    """The Totvs Live capsules' ``processStatus`` of a ticket."""

    PROCESSING = "PROCESSING"
    ERROR = "ERROR"
    SUCCESS = "SUCCESS"
