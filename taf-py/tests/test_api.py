"""Pythonic behaviour of the API: types, enums, errors, laziness, equality."""

from __future__ import annotations

import pytest

import totvs_taf as taf

PAGE = (
    '{ "type" : "registryKey","code" : "K1","items" : ['
    '{ "success" : true ,"proccessed" : true ,"description" : "Registro Processado.",'
    '"ticketCode" : "T1","statusCode" : "4","statusDescription" : "Registro Transmitido Válido.",'
    '"active" : true,"receiptNumber" : "1.2.0000000000000000001  ","deleteType" : "0",'
    '"streamingErrors" : [{"streamingErrorCode" : "001","streamingErrorDetail" : "x "}],'
    '"xmlRetResponse" : "PGEvPg=="},'
    '{ "success" : true ,"proccessed" : false ,"description" : "Registro Inconsistente." ,'
    '"ticketCode" : "T2","errorCode" : "000030","errorDescription" : "","errorDetail" : "a\\nb",'
    '"registryPriority" : "2","integrationQueue" : "","erpOwner" : "","registryPredecessor" : "",'
    '"transferBranch" : "","complement" : "","streamingErrors" : [],"xmlRetResponse" : ""}'
    '],"lastRecNo" : 20,"maxRecNo" : 30}'
)


def test_errors_form_a_value_error_hierarchy() -> None:
    assert issubclass(taf.TafError, ValueError)
    assert issubclass(taf.DecodeError, taf.TafError)
    with pytest.raises(ValueError):
        taf.decode_get(200, b"")


def test_page_items_are_typed_and_lazy() -> None:
    page = taf.decode_get(200, PAGE)
    assert isinstance(page, taf.GetPage)
    assert (page.kind, page.code, len(page), page.is_last) == (taf.KeyKind.REGISTRY_KEY, "K1", 2, False)
    items = page.items
    assert isinstance(items, taf.Items)
    processed, pending = items
    assert isinstance(processed, taf.ProcessedItem)
    assert processed.status is taf.RecordStatus.AUTHORIZED
    assert processed.receipt == "1.2.0000000000000000001"
    assert processed.receipt_number.endswith("  ")
    assert processed.delete_type is taf.DeleteType.DIRECT
    assert processed.id_kind is taf.KeyKind.TICKET_CODE and processed.id == "T1"
    assert processed.streaming_errors[0].detail == "x "
    assert processed.ret_response_xml() == "<a/>"
    assert processed.raw["receiptNumber"] == "1.2.0000000000000000001  "
    assert isinstance(pending, taf.PendingItem)
    assert pending.error_disposition is taf.Disposition.QUEUE
    assert pending.priority is taf.Priority.HIGH
    assert pending.error_detail == "a\nb"
    assert not pending.is_waiting and pending.is_final and not pending.is_result_missing
    assert items[-1] == pending and items[0] == processed
    with pytest.raises(IndexError):
        items[2]
    with pytest.raises(IndexError):
        items[-3]


def test_bytes_and_str_bodies_are_equal_and_other_types_refused() -> None:
    assert taf.decode_get(200, PAGE) == taf.decode_get(200, PAGE.encode())
    with pytest.raises(taf.TafError) as caught:
        taf.decode_get(200, 42)  # type: ignore[arg-type]
    assert caught.value.field == "body"


def test_envelopes_and_faults_are_values_not_exceptions() -> None:
    envelope = taf.decode_post(200, '{"coderr" : 811,"description" : "x"}')
    assert envelope == taf.decode_get(200, b'{"coderr" : 811,"description" : "x"}')
    assert repr(envelope) == "ErrorEntry(code=811, description=\"x\")"
    fault = taf.decode_get(500, '{"code":703,"message":"m"}')
    assert isinstance(fault, taf.Fault)
    assert (fault.status, fault.code, fault.shape) == (500, 703, taf.FaultShape.MODERN)
    assert repr(fault) == 'Fault(status=500, code=703, message="m")'
    raw = taf.decode_post(502, "Bad gateway")
    assert repr(raw) == 'Fault(status=502, code=None, message="Bad gateway")'


def test_statuses_map_one_way_and_the_sdk_says_what_is_final() -> None:
    def processed(status: str, delete_type: str = "") -> taf.ProcessedItem:
        extra = f',"deleteType" : "{delete_type}"' if delete_type else ""
        body = (
            '{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : true ,'
            '"description" : "Registro Processado.","registryKey" : "K1",'
            f'"statusCode" : "{status}","statusDescription" : "Registro Integrado","active" : true,'
            f'"receiptNumber" : ""{extra},"streamingErrors" : [],"xmlRetResponse" : ""}}],"lastRecNo" : 1,"maxRecNo" : 1}}'
        )
        page = taf.decode_get(200, body)
        assert isinstance(page, taf.GetPage)
        item = page.items[0]
        assert isinstance(item, taf.ProcessedItem)
        return item

    assert processed(" ").status is processed("").status is taf.RecordStatus.INTEGRATED
    assert not processed(" ").is_final
    assert processed("").is_final, "an empty statusCode: code 000026 or the record is gone"
    direct = processed(" ", "0")
    assert direct.delete_type is taf.DeleteType.DIRECT and direct.is_final
    assert processed("4").is_final and not processed("2").is_final


def test_classes_the_sdk_returns_cannot_be_constructed() -> None:
    with pytest.raises(TypeError):
        taf.PostResponse()  # type: ignore[call-arg]


def test_post_results_and_encoders() -> None:
    body = taf.encode_post_request(
        "T1",
        [{"registryKey": "K1", "sourceBranch": "01", "messageType": "2"}],
    )
    assert body == '{"ticketCode":"T1","lote":[{"sourceBranch":"01","messageType":"2","registryKey":"K1"}]}'
    with pytest.raises(taf.TafError) as caught:
        taf.encode_post_request("T1", [{"sourceBranch": "01", "owner": "x"}])
    assert caught.value.field == "lote[0].owner"
    response = taf.decode_post(
        200,
        '{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : true},'
        '{"key" : "K2","success" : false,"error" : [{"coderr" : 804, "description" : "d"}]}], "keyAmount" : 2 }',
    )
    assert isinstance(response, taf.PostResponse)
    assert [r.accepted for r in response.results] == [True, False]
    assert response.results[1].errors == [response.results[1].errors[0]]
    assert response.results[1].errors[0].code == 804
    assert taf.encode_delete_request(["T1"]) == '{"deleteTicket":[{"ticketCode":"T1"}]}'


def test_get_query_defaults_to_the_first_record() -> None:
    query = taf.GetQuery(ticket_code="T 1", source_branch="B1", lot_quantity=2)
    assert query.to_query_string() == "ticketCode=T%201&startRecNo=1&sourceBranch=B1&lotQuantity=2"
    assert taf.GetQuery.from_query_string(query.to_query_string()) == query
    assert repr(query) == 'GetQuery("ticketCode=T%201&startRecNo=1&sourceBranch=B1&lotQuantity=2")'


def test_readme_python_example_runs_as_written() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(example, "README.md", "exec"), {})
