"""GET page decode from Python: totvs_taf against a careful plain-Python decoder and json.loads.

Builds an ~850,000-byte page of 500 waiting-with-error items (the layout the real server sends),
then times, in one process and interleaved, ``json.loads`` (the floor), a plain-Python decoder
that turns the page into dataclasses, and ``totvs_taf.decode_get``. Prints throughput and the
ratios the design targets name (typed parse ≤ 1.5 × json.loads).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable, Optional

import totvs_taf

ITEMS = 500
PAGE_BYTES = 850_000


def build_page() -> bytes:
    def item(index: int, padding: int) -> str:
        detail = ("Erro de validacao do evento " * 64)[:padding]
        return (
            '{ "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." '
            f',"registryKey" : "ID11122233300000020250610143{index:08d}","errorCode" : "000009"'
            f',"errorDescription" : "Registro nao integrado","errorDetail" : "{detail}"'
            ',"registryPriority" : "5","integrationQueue" : "","erpOwner" : "RM"'
            ',"registryPredecessor" : "","transferBranch" : "","complement" : ""'
            ',"streamingErrors" : [],"xmlRetResponse" : ""}'
        )

    def page(padding: int) -> str:
        items = ",".join(item(i, padding) for i in range(ITEMS))
        return (
            '{ "type" : "ticketCode","code" : "T1","items" : [' + items + '],"lastRecNo" : 500,"maxRecNo" : 900}'
        )

    padding = (PAGE_BYTES - len(page(0))) // ITEMS
    return page(padding).encode("utf-8")


@dataclass
class PlainItem:
    success: bool
    processed: bool
    description: str
    identifier: str
    error_code: str
    error_detail: str
    registry_priority: str
    receipt_number: Optional[str]
    status_code: Optional[str]


@dataclass
class PlainPage:
    kind: str
    code: str
    items: list[PlainItem]
    last_rec_no: int
    max_rec_no: int


def plain_decode(body: bytes) -> PlainPage:
    """What a careful user writes with the standard library."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("cp1252")
    raw: dict[str, Any] = json.loads(text)
    items = [
        PlainItem(
            success=entry["success"],
            processed=entry["proccessed"],
            description=entry["description"],
            identifier=entry.get("registryKey", entry.get("ticketCode", "")),
            error_code=entry.get("errorCode", ""),
            error_detail=entry.get("errorDetail", ""),
            registry_priority=entry.get("registryPriority", ""),
            receipt_number=entry.get("receiptNumber"),
            status_code=entry.get("statusCode"),
        )
        for entry in raw["items"]
    ]
    return PlainPage(raw["type"], raw["code"], items, raw["lastRecNo"], raw["maxRecNo"])


def best_of(function: Callable[[], object], rounds: int = 7, number: int = 20) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def main() -> None:
    body = build_page()
    page = totvs_taf.decode_get(200, body)
    assert isinstance(page, totvs_taf.GetPage) and len(page) == ITEMS
    assert len(plain_decode(body).items) == ITEMS
    timings = {
        "json.loads (floor)": best_of(lambda: json.loads(body)),
        "plain Python (json + dataclasses)": best_of(lambda: plain_decode(body)),
        "totvs_taf.decode_get": best_of(lambda: totvs_taf.decode_get(200, body)),
        "totvs_taf.decode_get + read every item": best_of(
            lambda: [item.error_code for item in totvs_taf.decode_get(200, body).items]  # type: ignore[union-attr]
        ),
    }
    floor = timings["json.loads (floor)"]
    print(f"page: {len(body):,} bytes, {ITEMS} items")
    print(f"{'figure':<42}{'ms':>8}{'MB/s':>9}{'x json.loads':>14}")
    for name, seconds in timings.items():
        print(f"{name:<42}{seconds * 1e3:>8.2f}{len(body) / seconds / 1e6:>9.0f}{seconds / floor:>14.2f}")
    print(f"target: typed parse <= 1.5 x json.loads")


if __name__ == "__main__":
    main()
