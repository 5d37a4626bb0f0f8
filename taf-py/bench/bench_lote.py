"""Lote build and preflight from Python: totvs_taf against a careful plain-Python implementation.

50,000 eSocial events of about 1 KB each become POST bodies and are checked. The plain version
does the same job with the standard library: ``xml.etree`` to find the event element and its
``Id``, ``base64``, ``json``, and the basic checks (branch, message type, registry type, column
sizes, declaration). Both run in one process, interleaved; the script prints the times and the
ratio, and whether the design target (well under a second for 50,000 events) is met.
"""

from __future__ import annotations

import base64
import json
import time
import xml.etree.ElementTree as ET
from typing import Any, Callable

import totvs_taf

EVENTS = 50_000
ROOTS = {"evtTabRubrica": "S-1010", "evtMonit": "S-2220", "evtRemun": "S-1200", "evtExclusao": "S-3000"}


def event(index: int) -> bytes:
    items = "<itensRemun><codRubr>1001</codRubr><vrRubr>1234.56</vrRubr></itensRemun>" * 8
    return (
        '<eSocial xmlns="http://www.esocial.gov.br/schema/evt/evtRemun/v_S_01_03_00">'
        f'<evtRemun Id="ID1112223330000002025061014{index:09d}"><ideEvento><indRetif>1</indRetif>'
        "<perApur>2025-06</perApur><tpAmb>2</tpAmb><procEmi>1</procEmi><verProc>ERP-1.0.0</verProc>"
        "</ideEvento><ideEmpregador><tpInsc>1</tpInsc><nrInsc>11222333</nrInsc></ideEmpregador>"
        f"<ideTrabalhador><cpfTrab>11144477735</cpfTrab></ideTrabalhador><dmDev><ideDmDev>{index}</ideDmDev>"
        f"<codCateg>101</codCateg>{items}</dmDev></evtRemun></eSocial>"
    ).encode()


def plain_build_and_check(events: list[bytes], branches: set[str]) -> tuple[bytes, list[str]]:
    """What a careful integrator writes with the standard library."""
    lote: list[dict[str, str]] = []
    problems: list[str] = []
    for index, raw in enumerate(events):
        root = ET.fromstring(raw)
        child = next(iter(root))
        name = child.tag.rsplit("}", 1)[-1]
        registry_type = ROOTS.get(name)
        key = child.get("Id") or ""
        if registry_type is None:
            problems.append(f"{index}: unknown event {name}")
        if not key or len(key) > 100:
            problems.append(f"{index}: bad key")
        if raw.lstrip().startswith(b"<?xml") and b'encoding="UTF-8"' not in raw[:100]:
            problems.append(f"{index}: declaration")
        lote.append(
            {
                "sourceBranch": "0100",
                "messageType": "2",
                "messageSequential": "001",
                "registryType": registry_type or "",
                "registryKey": key,
                "integrationMessage": base64.b64encode(raw).decode("ascii"),
            }
        )
    if "0100" not in branches:
        problems.append("branch")
    body = json.dumps({"ticketCode": "T1", "lote": lote}, separators=(",", ":")).encode()
    return body, problems


def ours(events: list[bytes]) -> tuple[bytes, list[Any]]:
    (body,) = totvs_taf.build_lotes(events, ticket_code="T1", source_branch="0100")
    verdict = totvs_taf.preflight(body, branches=[("T1", "0100")])
    return body, verdict.findings


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    events = [event(i) for i in range(EVENTS)]
    megabytes = sum(map(len, events)) / 1e6
    body, findings = ours(events)
    assert not findings, findings[:3]
    plain_body, problems = plain_build_and_check(events, {"0100"})
    assert not problems and json.loads(plain_body)["lote"][7]["registryKey"] == json.loads(body)["lote"][7]["registryKey"]
    plain = ours_time = float("inf")
    for _ in range(3):
        plain = min(plain, best_of(1, lambda: plain_build_and_check(events, {"0100"})))
        ours_time = min(ours_time, best_of(1, lambda: ours(events)))
    print(f"lote build + check, {EVENTS} events ({megabytes:.1f} MB), best of 3, same process:")
    print(f"  plain Python (etree, base64, json): {plain * 1000:8.1f} ms")
    print(f"  totvs_taf build_lotes + preflight:  {ours_time * 1000:8.1f} ms")
    print(f"  speed-up: {plain / ours_time:.1f}x; target < 1 s for 50,000 events: {'met' if ours_time < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
