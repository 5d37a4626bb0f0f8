"""totvs_taf.live: requests, parsers, process_status, the capsule contract and ticket numbers."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from totvs_taf import LiveError, ProcessStatus, TafError, TransportError, live

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


# The Live session and the urllib client, against a scripted fake connector.

import http.client
import http.server
import socket
import threading
from typing import Iterator, List, Tuple

ENVELOPE = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{}</s:Body></s:Envelope>'


def operation_answer(operation: str, result: str) -> bytes:
    return ENVELOPE.format(
        f'<{operation}Response xmlns="http://LiveConnector/">'
        f'<{operation}Result xmlns:a="{OBJECTS}">{result}</{operation}Result></{operation}Response>'
    ).encode()


def key_answer(key: str) -> bytes:
    return operation_answer("ObterChaveAcessoLC_Integracao", key)


def refused() -> bytes:
    return ENVELOPE.format(
        "<s:Fault><faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inválida</faultstring></s:Fault>"
    ).encode()


def customers_answer(numero: str) -> bytes:
    return operation_answer("RecuperarClienteLC_Integracao", f"<a:Numero>{numero}</a:Numero>")


class FakeLive:
    """Answers each POST with the next scripted (status, body) and records (SOAPAction, body)."""

    def __init__(self) -> None:
        self.script: List[Tuple[int, bytes]] = []
        self.seen: List[Tuple[str, bytes]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.seen.append((self.headers["SOAPAction"].rsplit("/", 1)[-1], body))
                status, answer = fake.script.pop(0) if fake.script else (599, b"unscripted")
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/LiveConnector/FacadeIntegracao.svc"

    def operations(self) -> List[str]:
        return [operation for operation, _ in self.seen]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake() -> Iterator[FakeLive]:
    server = FakeLive()
    yield server
    server.close()


def test_client_fetches_a_key_then_calls(fake: FakeLive) -> None:
    fake.script = [(200, key_answer("k1")), (200, customers_answer("77"))]
    client = live.Client(fake.url, codigo_sistema_satelite="220000251", usuario="ana", senha="pw")
    assert client.chave is None
    ticket = client.customers()
    assert ticket.numero == "77"
    assert client.chave == "k1"
    assert fake.operations() == ["ObterChaveAcessoLC_Integracao", "RecuperarClienteLC_Integracao"]
    assert b"<Senha>pw</Senha>" in fake.seen[0][1]
    assert b"<ren1:Chave>k1</ren1:Chave>" in fake.seen[1][1]


def test_client_renews_a_refused_key_once(fake: FakeLive) -> None:
    fake.script = [(500, refused()), (200, key_answer("k2")), (200, customers_answer("78"))]
    client = live.Client(fake.url, codigo_sistema_satelite="1", usuario="ana", senha="pw", chave="old")
    finished = client.call("customers")
    assert finished.ok and finished.renewed and finished.status == 200
    assert finished.value().numero == "78"
    assert client.chave == "k2"
    assert [b"<ren1:Chave>old</ren1:Chave>" in body for _, body in fake.seen] == [True, False, False]

    fake.script = [(500, refused()), (200, key_answer("k3")), (500, refused())]
    with pytest.raises(LiveError) as error:
        client.customers()
    assert error.value.invalid_access_key
    assert client.chave is None
    assert len(fake.seen) == 6


def test_client_without_a_login_does_not_renew(fake: FakeLive) -> None:
    fake.script = [(500, refused())]
    client = live.Client(fake.url, codigo_sistema_satelite="1", chave="old")
    with pytest.raises(LiveError) as error:
        client.ticket_status("0191211140546677")
    assert error.value.code == "invalid_access_key"
    with pytest.raises(LiveError) as error:
        client.customers()
    assert error.value.code == "no_login"
    assert len(fake.seen) == 1


def test_client_judges_a_fault_before_the_http_status(fake: FakeLive) -> None:
    fake.script = [(502, b"<html>Bad gateway</html>")]
    client = live.Client(fake.url, codigo_sistema_satelite="1", chave="k")
    with pytest.raises(LiveError) as error:
        client.confirm_ticket("77")
    assert error.value.code == "http_status"
    with pytest.raises(LiveError) as error:
        client.confirm_ticket("0")
    assert error.value.code == "invalid_input"
    assert len(fake.seen) == 1


def test_client_reports_a_connector_that_does_not_answer() -> None:
    server = FakeLive()
    url = server.url
    server.close()
    client = live.Client(url, codigo_sistema_satelite="1", chave="k", timeout=5)
    with pytest.raises(TransportError) as error:
        client.customers()
    assert error.value.code == "transport" and error.value.url == url
    assert isinstance(error.value, TafError) and isinstance(error.value.__cause__, OSError)


def test_client_reports_an_answer_that_is_not_http_as_no_answer() -> None:
    # http.client raises BadStatusLine, an HTTPException and not an OSError, for this answer.
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_garbage() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/LiveConnector/FacadeIntegracao.svc"
    client = live.Client(url, codigo_sistema_satelite="1", chave="k", timeout=5)
    try:
        with pytest.raises(TransportError) as error:
            client.customers()
    finally:
        thread.join(timeout=5)
        listener.close()
    assert error.value.code == "transport" and error.value.url == url
    assert isinstance(error.value.__cause__, http.client.HTTPException)


def test_session_drive_loop_by_hand() -> None:
    session = live.Session(
        "http://ana:url-secret@live.example/Facade.svc", codigo_sistema_satelite="1", usuario="u", senha="pw-secret", chave="key-secret"
    )
    assert session.poll() is None
    with pytest.raises(LiveError) as error:
        session.handle_response(200, b"")
    assert error.value.code == "no_request"
    session.start("stores", retorna_todas_lojas=True)
    first = session.poll()
    assert isinstance(first, live.LiveRequest)
    assert b"<liv:retornaTodasLojas>true</liv:retornaTodasLojas>" in first.body
    assert session.poll() is None
    session.handle_response(500, refused())
    renewal = session.poll()
    assert isinstance(renewal, live.LiveRequest) and renewal.operation == "ObterChaveAcessoLC_Integracao"
    shown = repr(first) + repr(renewal) + repr(session)
    assert "pw-secret" not in shown and "url-secret" not in shown and "key-secret" not in shown
    assert b"<Senha>pw-secret</Senha>" in renewal.body
    session.handle_response(503, b"")
    finished = session.poll()
    assert isinstance(finished, live.Finished)
    assert not finished.ok and finished.status == 503
    with pytest.raises(LiveError) as error:
        finished.value()
    assert error.value.code == "http_status"
    with pytest.raises(TafError):
        session.start("status")


def test_stores_capsule_encontrou_registros_is_a_choice() -> None:
    inner = "&lt;T&gt;&lt;Numero&gt;12&lt;/Numero&gt;&lt;/T&gt;"
    answer = (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/">'
        f"<RecuperarLojasLC_Integracao_XmlResult>{inner}</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse></s:Body></s:Envelope>"
    ).encode()
    request = '{"retornaTodasLojas":"true","chaveAcesso":"k","codigoSistemaSatelite":"1"}'
    ticket = json.loads(live.capsule("recuperar_lojas", request, 200, answer, 1))
    assert (ticket["encontrouRegistros"], ticket["lojas"]) == (True, [])
    documents = json.loads(live.capsule("recuperar_lojas", request, 200, answer, 1, stores_found="documents"))
    assert documents["encontrouRegistros"] is False
    with pytest.raises(TafError):
        live.capsule("recuperar_lojas", request, 200, answer, 1, stores_found="maybe")
