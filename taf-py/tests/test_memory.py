"""Memory growth: thousands of calls must not leak (RSS stays bounded)."""

from __future__ import annotations

import gc
import resource
from pathlib import Path
from typing import Callable

import totvs_taf as taf
from totvs_taf import live

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


BRANCHES = [("T1", "0100")]


def raises(error: type[BaseException], call: Callable[[], object]) -> None:
    """Calls `call` and asserts that it raises `error` (the error path is what is measured)."""
    try:
        call()
    except error:
        return
    raise AssertionError(f"expected {error.__name__}")


def rss_kib() -> int:
    """Peak resident set size of this process, in KiB (Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def churn(rounds: int) -> None:
    for _ in range(rounds):
        page = taf.decode_get(200, PAGE)
        assert isinstance(page, taf.GetPage)
        for item in page.items:
            _ = item.raw
        raises(taf.DecodeError, lambda: taf.decode_get(200, PAGE[:-3]))


def assert_bounded(work: Callable[[int], None], rounds: int) -> None:
    """Runs `work` a little to warm up, then `rounds` times: peak RSS may grow by under 20 MB."""
    work(100)
    gc.collect()
    before = rss_kib()
    work(rounds)
    gc.collect()
    grown = rss_kib() - before
    assert grown < 20_000, f"peak RSS grew by {grown} KiB over {rounds} rounds of {work.__name__}"


def test_repeated_decoding_does_not_grow_memory() -> None:
    assert_bounded(churn, 1000)


# Schema-valid S-1010 events (the sample fixture), each with its own Id.
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "events"
SAMPLE_EVENT = (FIXTURES / "s1010.xml").read_bytes()
EVENTS = [SAMPLE_EVENT.replace(b"300000001", b"3000000%02d" % index) for index in range(20)]
STATUS = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
    b'<ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/">'
    b'<ConsultarStatusTicketLC_IntegracaoResult xmlns:b="http://schemas.datacontract.org/2004/07/'
    b'Rentech.PracticoLive.Connector.Objects"><b:Item><b:SituacaoProcessamento>ComErro'
    b"</b:SituacaoProcessamento><b:DetalheSituacao>x</b:DetalheSituacao></b:Item>"
    b"</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse>"
    b"</s:Body></s:Envelope>"
)


def build_check_and_parse(rounds: int) -> None:
    for _ in range(rounds):
        (body,) = taf.build_lotes(EVENTS, ticket_code="T1", source_branch="0100")
        assert taf.preflight(body, branches=BRANCHES).is_clean
        assert taf.preflight(body.replace(b'"0100"', b'"9999"'), branches=BRANCHES).exit_code == 2
        raises(
            taf.ValidationError,
            lambda: taf.build_lotes([b"<eSocial>"], ticket_code="T1", source_branch="0100"),
        )
        assert live.process_status(live.parse_status(STATUS)) == taf.ProcessStatus.ERROR
        raises(taf.LiveError, lambda: live.parse_status(STATUS[:-20]))


def test_repeated_builds_checks_and_live_parses_do_not_grow_memory() -> None:
    assert_bounded(build_check_and_parse, 2000)
