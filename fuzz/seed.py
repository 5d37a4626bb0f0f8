"""Writes seed corpora for the fuzz targets from the shared vectors in ../tests/vectors."""

import base64
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
VECTORS = HERE.parent / "tests" / "vectors"
TARGETS = {"GET": "get_reply", "POST": "post_reply", "DELETE": "delete_reply"}


def write(target: str, name: str, data: bytes) -> None:
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def body(case: dict) -> bytes:
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    return case["body"].encode("utf-8")


for case in json.loads((VECTORS / "responses.json").read_text("utf-8"))["cases"]:
    write(TARGETS[case["method"]], case["id"], body(case))
for case in json.loads((VECTORS / "requests.json").read_text("utf-8"))["cases"]:
    write("requests", case["id"], body(case))
for case in json.loads((VECTORS / "decode_errors.json").read_text("utf-8"))["cases"]:
    target = {"get_reply": "get_reply", "post_reply": "post_reply"}.get(case["kind"], "requests")
    write(target, case["id"], body(case))
