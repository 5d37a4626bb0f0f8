"""Shared helpers: the language-neutral vectors of the repository."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import subprocess
from pathlib import Path
from typing import Any, Iterator, Optional

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


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


def free_port() -> int:
    """A TCP port nothing listens on (for a server, or for a refused connection)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def taf_serve(*args: str, password: Optional[str] = None) -> Iterator[str]:
    """Runs `taf serve` with `args` on a free port and yields its base URL (`http://127.0.0.1:N`)."""
    binary = ROOT / "target" / "debug" / "taf"
    assert binary.exists(), "build the taf command first (cargo build -p taf-cli)"
    port = free_port()
    env = dict(os.environ, TAF_PASSWORD=password) if password is not None else None
    process = subprocess.Popen(
        [str(binary), "serve", "--addr", f"127.0.0.1:{port}", *args],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("listening on http://")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
