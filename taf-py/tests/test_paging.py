"""Paging from Python: the paginator over the in-process emulator and, with Client, over HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

import totvs_taf as taf
from conftest import taf_serve

def st2_row(recno: int, key: str) -> dict[str, Any]:
    return {
        "recno": recno,
        "branch": "0100",
        "message_type": "2",
        "sequential": "001",
        "registry_type": "S-2220",
        "key": key,
        "message": list(b"<eSocial/>"),
        "status": "pending",
        "ticket": "T1",
        "date": "20250610",
        "time": "14:30:00",
        "priority": "5",
        "queue": "",
        "owner": "",
        "predecessor": "",
        "transfer_branch": "",
        "complement": "",
    }


STATE = json.dumps(
    {
        "st2": [st2_row(recno, f"K{recno}") for recno in range(10, 15)],
        "xerp": [],
        "records": [],
        "last_st2_recno": 14,
        "last_xerp_recno": 0,
        "last_record_recno": 0,
    }
)


def test_paginator_walks_the_emulator_page_by_page() -> None:
    emulator = taf.Emulator()
    emulator.load_state_json(STATE)
    pager = taf.Paginator(taf.GetQuery(ticket_code="T1", source_branch="0100", lot_quantity=2))
    keys = []
    while (query := pager.next_query()) is not None:
        status, body = emulator.handle("GET", f"/rest/wstafst2?{query.to_query_string()}")
        pager.handle_response(status, body)
        keys += [event.id for event in pager.events()]
    assert keys == ["K10", "K11", "K12", "K13", "K14"]
    assert (pager.is_finished, pager.pages, pager.records) == (True, 3, 5)
    resumed = taf.Paginator.resume(pager.cursor_json())
    assert resumed.next_query() is None


def test_a_page_that_does_not_advance_raises_paging_error() -> None:
    pager = taf.Paginator(taf.GetQuery(ticket_code="T1", lot_quantity=1))
    page = (
        '{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,'
        '"description" : "Aguardando Processamento" ,"registryKey" : "K1"}],"lastRecNo" : 5,"maxRecNo" : 9}'
    )
    pager.handle_response(200, page)
    assert len(pager.events()) == 1
    with pytest.raises(taf.PagingError) as caught:
        pager.handle_response(200, page)
    assert isinstance(caught.value, taf.TafError)
    assert caught.value.code


def test_envelopes_stop_the_paginator() -> None:
    pager = taf.Paginator(taf.GetQuery(ticket_code="T1", source_branch="BX"))
    status, body = taf.Emulator().handle("GET", "/rest/wstafst2?startRecNo=1&ticketCode=T1&sourceBranch=BX")
    with pytest.raises(taf.PagingError):
        pager.handle_response(status, body)


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[str]:
    state = tmp_path / "state.json"
    state.write_text(STATE, encoding="utf-8")
    database = tmp_path / "state.db"
    with taf_serve(
        "--state", str(database), "--import", str(state), "--user", "qa", password="secret"
    ) as url:
        yield f"{url}/rest/WSTAFST2"


def test_client_pages_over_http_with_basic_auth(served: str) -> None:
    client = taf.Client(served, user="qa", password="secret")
    items = list(client.items(taf.GetQuery(ticket_code="T1", source_branch="0100", lot_quantity=2)))
    assert [item.id for item in items] == ["K10", "K11", "K12", "K13", "K14"]
    assert all(isinstance(item, taf.PendingItem) and item.is_waiting for item in items)
    with pytest.raises(taf.RequestError) as refused:
        taf.Client(served, user="qa", password="wrong").get(taf.GetQuery(ticket_code="T1"))
    assert (refused.value.code, refused.value.status) == ("unauthorized", 401)
    deleted = client.delete(["T1"], source_branch="0100")
    assert isinstance(deleted, taf.DeleteResponse) and deleted.success
    gone = client.get(taf.GetQuery(ticket_code="T1", source_branch="0100"))
    assert isinstance(gone, taf.GetPage) and gone.is_not_found



CRASHING = (
    '{"ticketCode":"TX","lote":['
    '{"sourceBranch":"0100","messageType":"2","messageSequential":"001","registryType":"S-1010",'
    '"registryKey":"KA","integrationMessage":"PGE+PC9hPg=="},'
    '{"sourceBranch":"0100","messageType":"2","messageSequential":"001","registryType":"S-1010",'
    '"registryKey":5,"integrationMessage":"PGE+PC9hPg=="},'
    '{"sourceBranch":"0100","messageType":"2","messageSequential":"001","registryType":"S-1010",'
    '"registryKey":"KC","integrationMessage":"PGE+PC9hPg=="}]}'
)


def test_a_crashed_post_is_resolved_by_a_get_not_sent_again() -> None:
    emulator = taf.Emulator()
    status, answer = emulator.handle("POST", "/rest/wstafst2", CRASHING.encode())
    assert (status, answer) == (200, b"")
    assert taf.UnknownOutcome.follows(status, answer)
    assert not taf.UnknownOutcome.follows(500, answer)
    with pytest.raises(taf.DecodeError):
        taf.decode_post(status, answer)
    with pytest.raises(taf.DecodeError):
        taf.UnknownOutcome(CRASHING)  # a non-string key: not a lote the SDK would build
    sent = CRASHING.replace('"registryKey":5', '"registryKey":"KB"')
    outcome = taf.UnknownOutcome(sent)
    assert (outcome.ticket_code, outcome.keys, outcome.unchecked) == ("TX", ["KA", "KB", "KC"], [])
    query = outcome.query
    assert (query.ticket_code, query.source_branch) == ("TX", "0100")
    status, body = emulator.handle("GET", "/rest/wstafst2?" + query.to_query_string())
    page = taf.decode_get(status, body)
    assert isinstance(page, taf.GetPage)
    found = [item.id for item in page.items]
    assert outcome.split(found) == {"stored": ["KA"], "not_stored": ["KB", "KC"], "unchecked": []}


def test_the_client_finds_what_a_crashed_post_stored(served: str) -> None:
    client = taf.Client(served, user="qa", password="secret")
    with pytest.raises(taf.DecodeError):
        client.post(CRASHING)
    sent = CRASHING.replace('"registryKey":5', '"registryKey":"KB"')
    assert client.find_stored(sent) == {"stored": ["KA"], "not_stored": ["KB", "KC"], "unchecked": []}
