"""Shared helpers: the language-neutral vectors of the repository."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load(name: str) -> list[dict[str, Any]]:
    """The cases of one vector file."""
    cases = json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
    assert cases, f"{name} has no cases"
    return cases


def body_bytes(case: dict[str, Any]) -> bytes:
    """A case's body as the bytes the server sent."""
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    return case["body"].encode("utf-8")
