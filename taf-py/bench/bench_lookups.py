"""Per-call costs of the paths that reach Python classes from Rust.

Times, in one process: reading an enum getter (``GetPage.kind``, a processed item's
``status``) over a decoded page's items, raising ``DecodeError`` from ``decode_get`` on a
malformed body, and reading ``.raw`` (canonical JSON as Python objects) of a small page. Each
figure is the best of several rounds, in nanoseconds per call; compare the figures of two
builds (before and after a change) on the same machine.
"""

from __future__ import annotations

import time
from typing import Callable

import totvs_taf

ROUNDS = 7
CALLS = 20_000


def page_body(items: int) -> bytes:
    item = (
        '{"success":true,"proccessed":true,"description":"Registro Processado.",'
        '"registryKey":"K{index}","statusCode":"4","statusDescription":"Autorizado",'
        '"active":true,"receiptNumber":"1.2.3","streamingErrors":[],"xmlRetResponse":""}'
    )
    listed = ",".join(item.replace("{index}", str(index)) for index in range(items))
    return ('{"type":"ticketCode","code":"T1","items":[' + listed + '],"lastRecNo":1,"maxRecNo":1}').encode()


def best_ns_per_call(run: Callable[[], None], calls: int) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter_ns()
        run()
        best = min(best, (time.perf_counter_ns() - start) / calls)
    return best


def main() -> None:
    page = totvs_taf.decode_get(200, page_body(100))
    assert isinstance(page, totvs_taf.GetPage)
    items = list(page.items)
    small = totvs_taf.decode_get(200, page_body(1))
    assert isinstance(small, totvs_taf.GetPage)

    def enum_getters() -> None:
        for _ in range(CALLS // len(items)):
            for item in items:
                item.status  # noqa: B018 - the getter is what is timed

    def page_kind() -> None:
        for _ in range(CALLS):
            page.kind  # noqa: B018

    def raise_decode_error() -> None:
        for _ in range(CALLS):
            try:
                totvs_taf.decode_get(200, b"{")
            except totvs_taf.DecodeError:
                pass

    def raw() -> None:
        for _ in range(CALLS):
            small.raw  # noqa: B018

    print(f"enum getter (ProcessedItem.status):       {best_ns_per_call(enum_getters, CALLS):8.0f} ns/call")
    print(f"enum getter (GetPage.kind):               {best_ns_per_call(page_kind, CALLS):8.0f} ns/call")
    print(f"decode_get raising DecodeError:           {best_ns_per_call(raise_decode_error, CALLS):8.0f} ns/call")
    print(f"GetPage.raw of a one-item page:           {best_ns_per_call(raw, CALLS):8.0f} ns/call")


if __name__ == "__main__":
    main()
