"""totvs_taf.live: requests, parsers, process_status, the capsule contract and ticket numbers."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from totvs_taf import LiveError, ProcessStatus, TafError, live

URL = "http://live.example/LiveConnector/FacadeIntegracao.svc"
OBJECTS = "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects"


def status_response(*items: tuple[str, str | None]) -> bytes:
    body = "".join(
        "<b:Item>"
        + (f"<b:DetalheSituacao>{detail}</b:DetalheSituacao>" if detail is not None else '<b:DetalheSituacao i:nil="true"/>')
        + f"<b:SituacaoProcessamento>{status}</b:SituacaoProcessamento></b:Item>"
        for status, detail in items
    )
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        '<ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/">'
        f'<ConsultarStatusTicketLC_IntegracaoResult xmlns:b="{OBJECTS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse></s:Body></s:Envelope>"
    ).encode()


def test_status_request_is_escaped_and_ordered() -> None:
    request = live.status_request(URL, chave="k", codigo_sistema_satelite="A&B<1", numero_ticket="0999999999999999")
    assert request.method == "POST" and request.url == URL
    assert request.headers["SOAPAction"] == "http://LiveConnector/IFacadeIntegracao/ConsultarStatusTicketLC_Integracao"
    root = ET.fromstring(request.body)
    values = [(el.tag.split("}")[1], el.text) for el in root.iter() if el.tag.startswith("{" + OBJECTS)]
    assert values == [("Chave", "k"), ("CodigoSistemaSatelite", "A&B<1"), ("NumeroTicket", "0999999999999999")]


def test_every_item_and_process_status() -> None:
    items = live.parse_status(status_response(("Processado", None), ("Aguardando Confirmação", None)))
    assert [item.situacao_processamento for item in items] == ["Processado", "Aguardando Confirmação"]
    assert items[0].detalhe_situacao is None
    assert live.process_status(items) is ProcessStatus.PROCESSING
    assert live.process_status(items[:1]) is ProcessStatus.SUCCESS
    flagged = [live.StatusItem("Processado", "Erro ao gravar")]
    assert live.process_status(flagged) is ProcessStatus.ERROR
    assert live.process_status(flagged, error_message="never") is ProcessStatus.SUCCESS
    assert live.process_status([]) is ProcessStatus.ERROR
    assert live.process_status([], empty="SUCCESS") is ProcessStatus.SUCCESS
    with pytest.raises(TafError):
        live.process_status([], empty="MAYBE")


def test_invalid_key_fault() -> None:
    fault = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inv\xc3\xa1lida</faultstring>"
        b"</s:Fault></s:Body></s:Envelope>"
    )
    with pytest.raises(LiveError) as error:
        live.parse_status(fault)
    assert error.value.invalid_access_key and isinstance(error.value, ValueError)
    with pytest.raises(LiveError) as refused:
        live.parse_status(b"<!DOCTYPE x><x/>")
    assert refused.value.code == "doctype"


def test_capsule_contract() -> None:
    output = live.capsule(
        "consultar_status",
        '{"chaveAcesso":"k","codigoSistemaSatelite":"1","numeroTicket":"0999999999999999","manter":{"id":7}}',
        200,
        status_response(("Processado", None)),
        1,
    )
    value = json.loads(output)
    assert (value["processStatus"], value["numeroTicket"], value["manter"]) == ("SUCCESS", "0999999999999999", {"id": 7})
    error = json.loads(live.capsule("recuperar_lojas", '{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"1"}', 500, b"", 1559243275088))
    assert error == {"timestamp": 1559243275088, "error": "Não foi possível recuperar lojas.", "code": 500}
    with pytest.raises(TafError) as bad:
        live.capsule("consultar_status", "{}", 200, b"", 1)
    assert bad.value.field == "input"


def test_stores_and_customers() -> None:
    stores = live.stores_request(URL, chave="k", codigo_sistema_satelite="1", payload="escaped")
    assert b"<liv:xmlIdentificacao>&lt;?xml" in stores.body
    assert b"&lt;LC_Identificacao&gt;&lt;Chave&gt;k&lt;/Chave&gt;&lt;CodigoSistemaSatelite&gt;1&lt;/CodigoSistemaSatelite&gt;&lt;/LC_Identificacao&gt;" in stores.body
    assert b"retornaTodasLojas" not in stores.body
    flagged = live.stores_request(URL, chave="k", codigo_sistema_satelite="1", retorna_todas_lojas=False, parameter="identificacao")
    assert b"</liv:identificacao><liv:retornaTodasLojas>false</liv:retornaTodasLojas>" in flagged.body
    inner = "&lt;T&gt;&lt;Numero&gt;0012&lt;/Numero&gt;&lt;Documentos&gt;&lt;L&gt;&lt;Nome&gt;Loja 1&lt;/Nome&gt;&lt;Codigo&gt;01&lt;/Codigo&gt;&lt;/L&gt;&lt;/Documentos&gt;&lt;/T&gt;"
    answer = (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/">'
        f"<RecuperarLojasLC_Integracao_XmlResult>{inner}</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>"
    ).encode()
    ticket = live.parse_stores(answer)
    assert ticket.numero == "0012"
    assert ticket.documentos == [{"Nome": "Loja 1", "Codigo": "01"}]
    assert list(ticket.documentos[0]) == ["Nome", "Codigo"]
    confirm = live.confirm_request(URL, chave="k", codigo_sistema_satelite="1", numero_ticket="0012")
    assert b"<ren1:SituacaoTicketSaida>EnvioConfirmado</ren1:SituacaoTicketSaida>" in confirm.body
    with pytest.raises(LiveError) as refused:
        live.confirm_request(URL, chave="k", codigo_sistema_satelite="1", numero_ticket="0")
    assert refused.value.code == "invalid_input"


def test_ticket_number() -> None:
    moment = datetime.datetime(2019, 12, 11, 14, 5, 46, 677000)
    assert live.ticket_number(moment) == "0191211140546677"
