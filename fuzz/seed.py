"""Writes seed corpora for the fuzz targets from the shared vectors in ../tests/vectors."""

import base64
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
VECTORS = HERE.parent / "tests" / "vectors"
TARGETS = {"GET": "get_reply", "POST": "post_reply", "DELETE": "delete_reply"}


def write(target: str, name: str, data: bytes) -> None:
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def body(case: dict) -> bytes:
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    return case["body"].encode("utf-8")


for case in json.loads((VECTORS / "responses.json").read_text("utf-8"))["cases"]:
    write(TARGETS[case["method"]], case["id"], body(case))
for case in json.loads((VECTORS / "requests.json").read_text("utf-8"))["cases"]:
    write("requests", case["id"], body(case))
for case in json.loads((VECTORS / "decode_errors.json").read_text("utf-8"))["cases"]:
    target = {"get_reply": "get_reply", "post_reply": "post_reply"}.get(case["kind"], "requests")
    write(target, case["id"], body(case))

# The emulator target: a selector byte (0 POST, 1 DELETE, 2 GET query) before the input.
for case in json.loads((VECTORS / "requests.json").read_text("utf-8"))["cases"]:
    selector = {"POST": b"\x00", "DELETE": b"\x01"}.get(case.get("method", ""), b"\x02")
    write("emulator", case["id"], selector + body(case))
EVENTS = VECTORS.parent / "fixtures" / "events"
for event in sorted(EVENTS.iterdir()):
    if event.suffix in {".xml", ".txt"}:
        write("sniff", event.stem, event.read_bytes())
        lote = {
            "ticketCode": "T1",
            "lote": [
                {
                    "sourceBranch": "0100",
                    "messageType": "2" if event.suffix == ".xml" else "1",
                    "messageSequential": "001",
                    "registryType": "S-1010",
                    "registryKey": event.stem,
                    "integrationMessage": base64.b64encode(event.read_bytes()).decode(),
                }
            ],
        }
        write("emulator", f"post-{event.stem}", b"\x00" + json.dumps(lote).encode())

SOAP = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{}</s:Body></s:Envelope>'
OBJECTS = "http://schemas.datacontract.org/2004/07/Rentech.PracticoLive.Connector.Objects"
LIVE_SEEDS = {
    "status": '<ConsultarStatusTicketLC_IntegracaoResponse xmlns="http://LiveConnector/"><ConsultarStatusTicketLC_IntegracaoResult '
    f'xmlns:a="{OBJECTS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><a:I><a:DetalheSituacao i:nil="true"/>'
    "<a:NumeroSequencia>1</a:NumeroSequencia><a:SituacaoProcessamento>Processado</a:SituacaoProcessamento></a:I>"
    "</ConsultarStatusTicketLC_IntegracaoResult></ConsultarStatusTicketLC_IntegracaoResponse>",
    "stores": '<RecuperarLojasLC_Integracao_XmlResponse xmlns="http://LiveConnector/"><RecuperarLojasLC_Integracao_XmlResult>'
    "&lt;T&gt;&lt;Numero&gt;1&lt;/Numero&gt;&lt;Documentos&gt;&lt;L&gt;&lt;Nome&gt;A&lt;/Nome&gt;&lt;/L&gt;&lt;/Documentos&gt;&lt;/T&gt;"
    "</RecuperarLojasLC_Integracao_XmlResult></RecuperarLojasLC_Integracao_XmlResponse>",
    "customers": f'<RecuperarClienteLC_IntegracaoResponse xmlns="http://LiveConnector/"><RecuperarClienteLC_IntegracaoResult xmlns:a="{OBJECTS}">'
    "<a:Documentos><a:C><a:Nome>A</a:Nome></a:C></a:Documentos><a:Numero>1</a:Numero>"
    "</RecuperarClienteLC_IntegracaoResult></RecuperarClienteLC_IntegracaoResponse>",
    "key": '<ObterChaveAcessoLC_IntegracaoResponse xmlns="http://LiveConnector/"><ObterChaveAcessoLC_IntegracaoResult>k</ObterChaveAcessoLC_IntegracaoResult></ObterChaveAcessoLC_IntegracaoResponse>',
    "fault": "<s:Fault><faultcode>s:Client</faultcode><faultstring>Chave de Acesso Inválida</faultstring></s:Fault>",
}
for name, content in LIVE_SEEDS.items():
    write("live", name, SOAP.format(content).encode("utf-8"))
write("live", "capsule-input", b'{"chaveAcesso":"k","codigoSistemaSatelite":"1","numeroTicket":"0","manter":{"a":[1]}}')

# The advpl target: a selector byte (bits 0-1 the command number, bit 2 a tiny buffer of
# selector >> 3 bytes) before the JSON command.
ADVPL_SEEDS = {
    "version": {"op": "version"},
    "query": {"op": "get_query_encode", "args": {"ticketCode": "T 1", "startRecNo": 1}},
    "decode-post": {"op": "decode_post", "args": {"status": 200, "body": '{"keyAmount":0}'}},
    "preflight": {"op": "preflight", "args": {"body": '{"ticketCode":"T1","lote":[]}'}},
    "build": {
        "op": "build_lote",
        "args": {"ticket": "T1", "branch": "0100", "events": [{"text": "<eSocial/>", "key": "k"}]},
    },
    "live-status": {"op": "live_status", "args": {"body": SOAP.format(LIVE_SEEDS["status"])}},
    "paginator": {"op": "paginator_start", "args": {"query": {"ticketCode": "T1"}}},
}
for name, command in ADVPL_SEEDS.items():
    write("advpl", name, b"\x01" + json.dumps(command).encode("utf-8"))
write("advpl", "ascii-small", b"\x56" + json.dumps(ADVPL_SEEDS["version"]).encode("utf-8"))
