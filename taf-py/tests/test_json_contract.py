"""The JSON layout contract (docs/json-contract.md) through the Python API.

The vectors under tests/vectors/json-contract/ were checked against the C library and the ADVPL
bridge by taf-ffi/tests/json_contract.rs; the same inputs through Python give the same JSON, so
a renamed field fails here too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import totvs_taf as taf
from conftest import ROOT, VECTORS
from totvs_taf import live

CONTRACT = VECTORS / "json-contract"
S1010 = (ROOT / "tests" / "fixtures" / "events" / "s1010.xml").read_bytes()
SERVER_CLOCK = 1_749_566_400


def c_case(name: str) -> Any:
    return json.loads((CONTRACT / "c.json").read_text(encoding="utf-8"))["cases"][name]


def advpl_cases(op: str) -> list[dict[str, Any]]:
    cases = json.loads((CONTRACT / "advpl.json").read_text(encoding="utf-8"))["cases"]
    chosen = [case for case in cases if case["command"]["op"] == op]
    assert chosen, f"advpl.json has no {op} case"
    return chosen


def lote() -> bytes:
    (body,) = taf.build_lotes([S1010], ticket_code="T1", source_branch="B1")
    return body


def test_sniff_event_matches_the_c_layout() -> None:
    assert taf.sniff_event(S1010) == c_case("taf_event_sniff")


@pytest.mark.parametrize(
    ("name", "branch"),
    [("taf_verdict_to_json.accepted", b'"B1"'), ("taf_verdict_to_json.unknown_branch", b'"B9"')],
)
def test_verdict_json_matches_the_c_layout(name: str, branch: bytes) -> None:
    body = lote().replace(b'"B1"', branch)
    verdict = taf.preflight(body, branches=[("G1", "B1")])
    assert json.loads(verdict.to_json()) == c_case(name)


def test_emulator_state_paginator_cursor_and_item_raw_match_the_c_layout() -> None:
    emulator = taf.Emulator(branches=[("G1", "B1")])
    emulator.set_clock(SERVER_CLOCK)
    status, _ = emulator.handle("POST", "/rest/WSTAFST2", lote())
    assert status == 200
    emulator.process()
    emulator.transmit()
    assert json.loads(emulator.state_json()) == c_case("taf_emulator_tables_json")

    pager = taf.Paginator(taf.GetQuery(ticket_code="T1"))
    assert json.loads(pager.cursor_json()) == c_case("taf_paginator_cursor_json.start")
    query = pager.next_query()
    assert query is not None
    pager.handle_response(*emulator.handle("GET", f"/rest/WSTAFST2?{query.to_query_string()}"))
    (item,) = pager.events()
    assert isinstance(item, taf.ProcessedItem)
    # An item's `.raw` is the C item JSON without `variant`: the Python class is the variant.
    c_item = dict(c_case("taf_item_to_json.processed"))
    assert c_item.pop("variant") == "processed"
    assert item.raw == c_item
    assert json.loads(pager.cursor_json()) == c_case("taf_paginator_cursor_json.finished")


@pytest.mark.parametrize("case", advpl_cases("live_capsule"), ids=lambda case: case["id"])
def test_capsule_output_matches_the_bridge(case: dict[str, Any]) -> None:
    args = case["command"]["args"]
    output = live.capsule(
        args["capsule"],
        json.dumps(args["input"]),
        args["status"],
        args["body"].encode("utf-8"),
        args["nowUnixMs"],
        numeric=args.get("numeric", False),
        stores_found=args.get("storesFound", "ticket"),
    )
    assert json.loads(output) == case["answer"]["result"]


DECODERS = {"decode_get": taf.decode_get, "decode_post": taf.decode_post}


@pytest.mark.parametrize(
    "case",
    [case for op in DECODERS for case in advpl_cases(op) if "body" in case["answer"].get("result", {})],
    ids=lambda case: case["id"],
)
def test_raw_matches_the_bridge(case: dict[str, Any]) -> None:
    args = case["command"]["args"]
    decoded = DECODERS[case["command"]["op"]](args["status"], args["body"])
    assert isinstance(decoded, (taf.GetPage, taf.PostResponse))
    assert decoded.raw == case["answer"]["result"]["body"]
