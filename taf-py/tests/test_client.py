"""The HTTP client: the core's policy, endpoint and tracker from Python, one error model, and
the send-and-track example against `taf serve`."""

from __future__ import annotations

import collections
import http.server
import importlib.util
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator, Optional

import pytest

import totvs_taf as taf
from conftest import ROOT, free_port, load, taf_serve

PAGE = (
    '{ "type" : "ticketCode","code" : "T1","items" : [{ "success" : true ,"proccessed" : false ,'
    '"description" : "Aguardando Processamento" ,"registryKey" : "K1","errorCode" : "",'
    '"errorDescription" : "","errorDetail" : "","registryPriority" : "","integrationQueue" : "",'
    '"erpOwner" : "","registryPredecessor" : "","transferBranch" : "","complement" : "",'
    '"streamingErrors" : [],"xmlRetResponse" : ""}],"lastRecNo" : 10,"maxRecNo" : 10}'
)
POSTED = '{"ticketCode" : "T1","registryKey" : [{"key" : "K1","success" : true}],"keyAmount" : 1}'
ENVELOPE_803 = '{"coderr" : 803,"description" : "filial"}'
S2220 = (ROOT / "tests" / "fixtures" / "events" / "s2220.xml").read_bytes()
S2220_ID = b"ID1112223330000002025061014300500002"

Answer = tuple[int, dict[str, str], str]


class FakeServer:
    """Answers each request with the next scripted answer (the last one repeats) and records
    every request as (method, path, body)."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[str, str, bytes]] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                fake.requests.append((self.command, self.path, self.rfile.read(length)))
                status, headers, body = fake.answers.pop(0) if len(fake.answers) > 1 else fake.answers[0]
                data = body.encode("utf-8")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def quick_client(url: str) -> tuple[taf.Client, list[float]]:
    """A client whose sleeps are recorded instead of slept."""
    client = taf.Client(url, policy=taf.StatusPolicy(base_delay=100.0))
    slept: list[float] = []
    client.sleep = slept.append
    return client, slept


def every_method(client: taf.Client) -> dict[str, Callable[[], object]]:
    """One call of each method that talks to the server."""
    query = taf.GetQuery(ticket_code="T1")
    return {
        "get": lambda: client.get(query),
        "post": lambda: client.post(b'{"ticketCode":"T1","lote":[]}'),
        "delete": lambda: client.delete(["T1"]),
        "items": lambda: list(client.items(query)),
        "track": lambda: client.track("T1", keys=["K1"]),
        "watch": lambda: client.watch("T1", keys=["K1"], every=0.0, give_up_after=0.0),
        "send": lambda: client.send([b'{"ticketCode":"T1","lote":[]}']),
    }


@pytest.mark.parametrize("case", load("policy.json"), ids=lambda case: str(case["id"]))
def test_status_policy_follows_the_language_neutral_vectors(case: dict[str, Any]) -> None:
    now = json.loads((ROOT / "tests" / "vectors" / "policy.json").read_text("utf-8"))["now_unix_seconds"]
    decision = taf.StatusPolicy().decide(
        case["method"],
        case["status"],
        case["body"].encode("utf-8"),
        attempt=case["attempt"],
        retry_after=case.get("retry_after"),
        random=case["random"],
        now=float(now),
    )
    assert decision.action == case["expect"]
    if case["expect"] == "done":
        assert decision.value is not None and decision.error is None
    if case["expect"] == "retry":
        assert decision.delay is not None and round(decision.delay * 1000, 3) == case["delay_ms"]
        assert isinstance(decision.fault, taf.Fault) and decision.fault.status == case["status"]
    if case["expect"] == "fail":
        assert isinstance(decision.error, taf.RequestError)
        assert decision.error.code == case["error"]


def test_policy_arguments_are_checked() -> None:
    with pytest.raises(taf.TafError) as caught:
        taf.StatusPolicy(max_attempts=0)
    assert caught.value.field == "max_attempts"
    with pytest.raises(taf.TafError):
        taf.StatusPolicy(base_delay=-1.0)
    with pytest.raises(taf.TafError):
        taf.StatusPolicy().decide("PUT", 200, b"")
    assert taf.StatusPolicy(base_delay=2.0).backoff(3) == 4.0


def test_the_url_is_read_as_the_cli_reads_it() -> None:
    assert taf.Client("http://h:8080").url == "http://h:8080/rest/WSTAFST2"
    assert taf.Client(" http://h:8080/rest/wstafst2/ ").url == "http://h:8080/rest/wstafst2"
    for bad in ("h:8080", "http://u:p@h/rest", "http://h/rest?x=1"):
        with pytest.raises(taf.ValidationError) as caught:
            taf.Client(bad)
        assert caught.value.field == "url" and caught.value.code.startswith("endpoint_")


def test_endpoint_builds_the_three_requests_without_showing_the_password() -> None:
    endpoint = taf.Endpoint("http://h", user="qa", password="secret")
    get = endpoint.get(taf.GetQuery(ticket_code="T 1"))
    assert (get.method, get.url, get.body) == ("GET", "http://h/rest/WSTAFST2?ticketCode=T%201&startRecNo=1", b"")
    assert get.headers["Authorization"] == "Basic cWE6c2VjcmV0"
    post = endpoint.post('{"ticketCode":"T1","lote":[]}')
    assert (post.method, post.body) == ("POST", b'{"ticketCode":"T1","lote":[]}')
    assert post.headers["Content-Type"] == "application/json;charset=UTF-8"
    delete = endpoint.delete(["T1", "T2"], source_branch="0100")
    assert (delete.method, delete.url) == ("DELETE", "http://h/rest/WSTAFST2?sourceBranch=0100")
    assert json.loads(delete.body) == {"deleteTicket": [{"ticketCode": "T1"}, {"ticketCode": "T2"}]}
    assert "secret" not in repr(endpoint) + repr(get)
    with pytest.raises(taf.TafError):
        endpoint.delete([])


def test_a_temporary_get_failure_is_retried_after_the_policys_delay() -> None:
    with FakeServer((502, {}, "Bad gateway"), (429, {"Retry-After": "3"}, ""), (200, {}, PAGE)) as server:
        client, slept = quick_client(server.url)
        page = client.get(taf.GetQuery(ticket_code="T1"))
    assert isinstance(page, taf.GetPage) and page.items[0].id == "K1"
    assert len(server.requests) == 3
    assert 30.0 <= slept[0] <= 60.0  # the first backoff (100 s capped at 60 s), half of it jittered
    assert slept[1] == 3.0  # the server's Retry-After replaces the backoff


def test_a_post_is_sent_once_whatever_the_answer() -> None:
    for status, code in ((502, "outcome_unknown"), (500, "outcome_unknown"), (429, "not_stored")):
        with FakeServer((status, {}, ""), (200, {}, POSTED)) as server:
            client, slept = quick_client(server.url)
            with pytest.raises(taf.RequestError) as caught:
                client.post(b'{"ticketCode":"T1","lote":[]}')
        assert [method for method, _, _ in server.requests] == ["POST"], status
        assert (caught.value.code, caught.value.status, slept) == (code, status, [])
        assert isinstance(caught.value.fault, taf.Fault)


@pytest.mark.parametrize(
    ("answer", "code", "status"),
    [
        ((401, {}, "Unauthorized"), "unauthorized", 401),
        ((404, {}, "Not found"), "unexpected_status", 404),
        ((502, {}, "Bad gateway"), None, 502),
        ((200, {}, ENVELOPE_803), "rejected", 200),
        ((500, {}, '{"code":703,"message":"m"}'), "invalid_request", 500),
    ],
)
def test_every_method_raises_the_same_request_error(answer: Answer, code: Optional[str], status: int) -> None:
    with FakeServer(answer) as server:
        client = taf.Client(server.url, policy=taf.StatusPolicy(max_attempts=2, base_delay=0.0))
        for name, call in every_method(client).items():
            with pytest.raises(taf.RequestError) as caught:
                call()
            # A GET or DELETE retries a 502 until the attempts run out; a POST gives up at once.
            expected = code or ("outcome_unknown" if name in ("post", "send") else "retries_exhausted")
            assert (name, caught.value.code, caught.value.status) == (name, expected, status)
            assert (caught.value.entry is not None) == (code == "rejected"), name


def test_no_answer_is_a_transport_error_from_every_method() -> None:
    client = taf.Client(f"http://127.0.0.1:{free_port()}", timeout=2.0)
    for name, call in every_method(client).items():
        with pytest.raises(taf.TransportError) as caught:
            call()
        assert not isinstance(caught.value, urllib.error.URLError), name
        assert isinstance(caught.value.__cause__, OSError), name
        assert caught.value.code == "transport" and caught.value.url.startswith(client.url), name


def test_send_refuses_lotes_the_preflight_rejects_and_carries_pending_keys() -> None:
    event = S2220
    first, = taf.build_lotes([event], ticket_code="T1", source_branch="0100")
    again, = taf.build_lotes([event], ticket_code="T2", source_branch="0100")
    with FakeServer((200, {}, POSTED)) as server:
        client = taf.Client(server.url)
        with pytest.raises(taf.PreflightError) as caught:
            client.send([first, again], preflight=taf.Preflight(branches=[("T1", "0100")]))
        assert server.requests == []
        assert caught.value.field == "lotes[1]"
        assert [verdict.exit_code for verdict in caught.value.verdicts] == [0, 2]
        assert "813" in [finding.code for finding in caught.value.verdicts[1].findings]
        # Without branches the preflight assumes the branch is registered: 813 is still predicted.
        with pytest.raises(taf.PreflightError) as unknown:
            client.send([first, again])
        assert [verdict.exit_code for verdict in unknown.value.verdicts] == [1, 2]
        sent = client.send([first, again], preflight=taf.Preflight(branches=[("T1", "0100")]), force=True)
    assert [method for method, _, _ in server.requests] == ["POST", "POST"]
    assert server.requests[0][2] == bytes(first)
    assert [item.accepted_keys for item in sent] == [["K1"], ["K1"]]


def test_lotes_know_their_ticket_and_keys() -> None:
    events = [S2220.replace(S2220_ID, f"ID{index:034d}".encode()) for index in range(5)]
    lotes = taf.build_lotes(events, ticket_code="T9", source_branch="0100", keys=[None, "MINE", None, None, None], max_items=2)
    assert [lote.keys for lote in lotes] == [
        [f"ID{0:034d}", "MINE"],
        [f"ID{2:034d}", f"ID{3:034d}"],
        [f"ID{4:034d}"],
    ]
    assert all(isinstance(lote, bytes) and lote.ticket_code == "T9" for lote in lotes)
    assert json.loads(lotes[0])["lote"][1]["registryKey"] == "MINE"
    assert taf.Lote(bytes(lotes[2])).keys == [f"ID{4:034d}"]
    with pytest.raises(taf.DecodeError):
        taf.Lote(b"not a lote").keys


def test_tracker_passes_end_visibly_and_follow_keys_to_their_end() -> None:
    emulator = taf.Emulator()
    body, = taf.build_lotes([S2220], ticket_code="T1", source_branch="0100", keys=["K1"])
    status, answer = emulator.handle("POST", "/rest/wstafst2", bytes(body))
    response = taf.decode_post(status, answer)
    assert isinstance(response, taf.PostResponse)
    tracker = taf.Tracker.from_post(body, response)

    def one_pass() -> taf.TrackReport:
        while (query := tracker.next_query()) is not None:
            page = taf.decode_get(*emulator.handle("GET", "/rest/wstafst2?" + query.to_query_string()))
            assert isinstance(page, taf.GetPage)
            tracker.handle_page(page)
        return tracker.report()

    report = one_pass()
    assert (report.passes, report.pending, report.is_complete) == (1, ["K1"], False)
    state = tracker.state("K1")
    assert state is not None and (state.kind, state.is_terminal) == ("waiting", False)
    emulator.process()
    emulator.transmit()
    report = one_pass()
    assert (report.passes, report.done, report.is_complete) == (2, ["K1"], True)
    [(key, final)] = report.states
    assert (key, final.kind, final.outcome, final.status) == ("K1", "done", "processed", taf.RecordStatus.AUTHORIZED)
    assert tracker.next_query() is None and tracker.state("nope") is None
    with pytest.raises(taf.PagingError):
        taf.Tracker(taf.GetQuery(registry_key="K1"), ["K1"])


def load_example(name: str) -> ModuleType:
    path = ROOT / "taf-py" / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def emulator_with_job() -> Iterator[str]:
    """`taf serve`, with its integration job and government step run every 0.2 s, as a real
    TAF runs its job by itself."""
    with taf_serve("--branch", "T1:0100") as url:
        stop = threading.Event()

        def job() -> None:
            while not stop.wait(0.2):
                for step in ("process", "transmit"):
                    request = urllib.request.Request(f"{url}/_emulator/{step}", method="POST")
                    urllib.request.urlopen(request, timeout=30).close()

        worker = threading.Thread(target=job, daemon=True)
        worker.start()
        try:
            yield url
        finally:
            stop.set()
            worker.join(timeout=60)


def test_the_example_sends_2000_events_and_follows_every_key(
    emulator_with_job: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for index in range(2000):
        # A 36-character Id, as the schema requires (W23 would keep the lotes from being sent).
        event = S2220.replace(S2220_ID, f"ID1112223330000002025061014{index:09d}".encode())
        (tmp_path / f"event{index:04d}.xml").write_bytes(event)
    states = load_example("send_and_track").main(emulator_with_job, str(tmp_path), "LOTE-2000", "0100")
    assert len(states) == 2000
    assert list(states)[:2] == ["ID1112223330000002025061014000000000", "ID1112223330000002025061014000000001"]
    outcomes = collections.Counter((state.kind, state.outcome, state.status) for state in states.values())
    assert outcomes == {("done", "processed", taf.RecordStatus.AUTHORIZED): 2000}
    assert "TrackReport(passes=" in capsys.readouterr().out


def test_watch_finds_the_keys_of_the_ticket_and_gives_up_in_time(tmp_path: Path) -> None:
    events = [S2220.replace(S2220_ID, f"ID{index:034d}".encode()) for index in range(3)]
    with taf_serve() as url:
        client = taf.Client(url)
        client.send(taf.build_lotes(events, ticket_code="TW", source_branch="0100"))
        passes: list[taf.TrackReport] = []
        states = client.watch("TW", source_branch="0100", every=0.0, give_up_after=0.0, on_progress=passes.append)
        assert client.track("TW", source_branch="0100") == states
        assert client.track("NOTHING", source_branch="0100") == {}
    assert list(states) == [f"ID{index:034d}" for index in range(3)]
    assert {(state.kind, state.is_terminal) for state in states.values()} == {("waiting", False)}
    assert [report.passes for report in passes] == [1]
