"""Memory growth: thousands of decodes must not leak (RSS stays bounded)."""

from __future__ import annotations

import gc
import resource

import totvs_taf as taf

PAGE = (
    '{ "type" : "ticketCode","code" : "T1","items" : ['
    + ",".join(
        '{ "success" : true ,"proccessed" : false ,"description" : "Aguardando Processamento" ,'
        f'"registryKey" : "K{index}","errorCode" : "","errorDescription" : "","errorDetail" : "{"x" * 200}",'
        '"registryPriority" : "","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "",'
        '"transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}'
        for index in range(100)
    )
    + '],"lastRecNo" : 100,"maxRecNo" : 400}'
).encode()


def rss_kib() -> int:
    """Peak resident set size of this process, in KiB (Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def churn(rounds: int) -> None:
    for _ in range(rounds):
        page = taf.decode_get(200, PAGE)
        assert isinstance(page, taf.GetPage)
        for item in page.items:
            _ = item.raw
        try:
            taf.decode_get(200, PAGE[:-3])
        except taf.DecodeError:
            pass


def test_repeated_decoding_does_not_grow_memory() -> None:
    churn(100)
    gc.collect()
    before = rss_kib()
    churn(1000)
    gc.collect()
    grown = rss_kib() - before
    assert grown < 20_000, f"peak RSS grew by {grown} KiB over 1000 pages"
