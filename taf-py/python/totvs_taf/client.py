"""A stdlib-only HTTP client for WSTAFST2 (``urllib.request``), built on the sans-IO core.

The core decides everything: ``Endpoint`` builds the requests, ``StatusPolicy`` judges each
answer (done, retry after a delay, give up; a POST is never sent twice), ``Paginator`` and
``Tracker`` walk the pages. This module only carries bytes and sleeps.

Errors: every method returns the method's body (``GetPage``, ``PostResponse``,
``DeleteResponse``) or raises. ``TransportError`` when no answer came, ``RequestError`` when the
server answered and the policy gave up (an envelope such as 803, a fault, 401, ...),
``PagingError`` when a page fails a paginator guard, ``DecodeError`` for an unreadable body,
``PreflightError`` when ``send`` refuses a lote. All derive from ``TafError``.
"""

from __future__ import annotations

import http.client
import random
import time
import urllib.error
import urllib.request
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, Sequence, Union

from ._errors import PreflightError, TafError, TransportError
from ._native import (
    DeleteResponse,
    Endpoint,
    GetPage,
    GetQuery,
    HttpRequest,
    KeyState,
    NotFoundItem,
    Paginator,
    PendingItem,
    PostResponse,
    Preflight,
    ProcessedItem,
    StatusPolicy,
    Tracker,
    TrackReport,
    UnknownOutcome,
    Verdict,
)
from ._enums import KeyKind

Item = Union[ProcessedItem, PendingItem, NotFoundItem]


class Sent(NamedTuple):
    """One lote ``Client.send`` posted: the body, the preflight's verdict, the server's answer."""

    lote: bytes
    verdict: Verdict
    response: PostResponse

    @property
    def accepted_keys(self) -> list[str]:
        """The keys the server stored, in lote order."""
        return [result.key for result in self.response.results if result.accepted]


class Client:
    """Talks to one WSTAFST2 service, e.g. ``Client("http://host:8080")``.

    ``url`` is read as the CLI's ``--url``: a URL without a path gets ``/rest/WSTAFST2``.
    ``policy`` decides retries (the core's defaults: 6 attempts, 1 s doubling up to 60 s);
    ``sleep`` is what waits between retries and between ``watch`` passes (``time.sleep``).
    """

    def __init__(
        self,
        url: str,
        *,
        user: Optional[str] = None,
        password: Optional[str] = None,
        timeout: float = 30.0,
        policy: Optional[StatusPolicy] = None,
    ) -> None:
        self.endpoint = Endpoint(url, user=user, password=password)
        self.timeout = timeout
        self.policy = policy if policy is not None else StatusPolicy()
        self.sleep: Callable[[float], None] = time.sleep

    @property
    def url(self) -> str:
        """The service URL."""
        return self.endpoint.url

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    def _send(self, request: HttpRequest) -> tuple[int, bytes, Optional[str]]:
        """One exchange: status, body and ``Retry-After``; ``TransportError`` without an answer."""
        raw = urllib.request.Request(
            request.url, data=request.body or None, method=request.method, headers=request.headers
        )
        try:
            with urllib.request.urlopen(raw, timeout=self.timeout) as response:
                return response.status, response.read(), response.headers.get("Retry-After")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read(), error.headers.get("Retry-After")
        except (OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", error)
            message = f"{request.method} {request.url}: no answer ({reason})"
            raise TransportError(message, request.url) from error

    def _exchange(self, request: HttpRequest) -> object:
        """Sends ``request`` until the status policy is done with it."""
        attempt = 1
        while True:
            status, body, retry_after = self._send(request)
            decision = self.policy.decide(
                request.method,
                status,
                body,
                attempt=attempt,
                retry_after=retry_after,
                random=random.getrandbits(64),
            )
            if decision.action == "done":
                return decision.value
            if decision.action != "retry" or decision.delay is None:
                assert decision.error is not None
                raise decision.error
            self.sleep(decision.delay)
            attempt += 1

    def get(self, query: GetQuery) -> GetPage:
        """One GET page."""
        page = self._exchange(self.endpoint.get(query))
        assert isinstance(page, GetPage)
        return page

    def post(self, body: Union[str, bytes]) -> PostResponse:
        """Posts a lote body (see ``build_lotes``), once: a POST is never sent again by itself.

        An empty or unreadable answer (a crashed worker) raises ``DecodeError``, and a 500, 502
        or 504 raises ``RequestError`` with code ``outcome_unknown``: the server may have stored
        some items, so ask ``find_stored`` before sending anything again.
        """
        response = self._exchange(self.endpoint.post(body))
        assert isinstance(response, PostResponse)
        return response

    def find_stored(self, body: Union[str, bytes]) -> dict[str, list[str]]:
        """Which keys of a posted lote the server holds, after an answer that left it unknown:
        one GET pass by ticket and first branch. Returns ``{"stored", "not_stored",
        "unchecked"}``; send only ``not_stored`` again."""
        outcome = UnknownOutcome(body)
        found = [item.id for item in self.items(outcome.query) if not isinstance(item, NotFoundItem)]
        return outcome.split(found)

    def delete(self, tickets: Sequence[str], *, source_branch: Optional[str] = None) -> DeleteResponse:
        """Deletes whole tickets, routed by ``source_branch``."""
        response = self._exchange(self.endpoint.delete(list(tickets), source_branch=source_branch))
        assert isinstance(response, DeleteResponse)
        return response

    def items(self, query: GetQuery, *, max_pages: int = 10_000) -> Iterator[Item]:
        """Every record of a search, following the pages (duplicates are reported once)."""
        pager = Paginator(query, max_pages=max_pages)
        while True:
            next_query = pager.next_query()
            if next_query is None:
                return
            pager.handle_page(self.get(next_query))
            for event in pager.events():
                if isinstance(event, (ProcessedItem, PendingItem, NotFoundItem)):
                    yield event

    def send(
        self, lotes: Iterable[bytes], *, preflight: Optional[Preflight] = None, force: bool = False
    ) -> list[Sent]:
        """Preflights every lote, then POSTs them in order, as ``taf send`` does.

        Each lote is checked against ``preflight`` (a ``Preflight`` with the server's branches;
        by default branches are unknown) seeing the keys of the lotes before it as pending.
        When any lote would be rejected nothing is sent (``PreflightError``) unless ``force``.
        An error while posting carries the lotes already sent in its ``sent`` attribute.
        """
        bodies = list(lotes)
        checker = preflight if preflight is not None else Preflight()
        verdicts = []
        for body in bodies:
            verdicts.append(checker.check(body))
            checker.record(body)
        refused = [index for index, verdict in enumerate(verdicts) if verdict.exit_code == 2]
        if refused and not force:
            error = PreflightError(
                f"the server would reject {len(refused)} of {len(bodies)} lotes; nothing sent",
                "preflight_rejected",
                f"lotes[{refused[0]}]",
            )
            error.verdicts = verdicts
            raise error
        sent: list[Sent] = []
        for body, verdict in zip(bodies, verdicts):
            try:
                response = self.post(body)
            except TafError as error:
                error.sent = sent  # type: ignore[attr-defined]
                raise
            sent.append(Sent(body, verdict, response))
        return sent

    def _tracker(
        self,
        ticket: str,
        keys: Optional[Iterable[str]],
        source_branch: Optional[str],
        lot_quantity: Optional[int],
    ) -> Tracker:
        query = GetQuery(ticket_code=ticket, source_branch=source_branch, lot_quantity=lot_quantity)
        if keys is None:
            # As `taf watch`: the keys the ticket holds now (the not-found item names the ticket).
            keys = [
                item.id
                for item in self.items(query)
                if not isinstance(item, NotFoundItem) and item.id_kind is KeyKind.REGISTRY_KEY
            ]
        return Tracker(query, list(keys))

    def _pass(self, tracker: Tracker) -> TrackReport:
        """One pass of the tracker over the ticket's pages."""
        while True:
            query = tracker.next_query()
            if query is None:
                return tracker.report()
            tracker.handle_page(self.get(query))

    def track(
        self,
        ticket: str,
        *,
        keys: Optional[Iterable[str]] = None,
        source_branch: Optional[str] = None,
        lot_quantity: Optional[int] = None,
    ) -> dict[str, KeyState]:
        """The state of every key of ``ticket`` now (one pass), in POST order.

        ``keys`` are the keys to follow (by default, those the ticket holds).
        """
        tracker = self._tracker(ticket, keys, source_branch, lot_quantity)
        return dict(self._pass(tracker).states)

    def watch(
        self,
        ticket: str,
        *,
        keys: Optional[Iterable[str]] = None,
        source_branch: Optional[str] = None,
        lot_quantity: Optional[int] = None,
        on_progress: Optional[Callable[[TrackReport], object]] = None,
        every: float = 5.0,
        give_up_after: float = 600.0,
    ) -> dict[str, KeyState]:
        """Polls ``ticket`` until every key is terminal, as ``taf watch`` does, and returns the
        final state of each key in POST order (keys still moving when ``give_up_after``
        seconds ran out keep their last state: check ``state.is_terminal``).

        ``on_progress`` receives the ``TrackReport`` of each pass; passes are ``every``
        seconds apart, each one starting at the first page that still held a key in progress.
        """
        tracker = self._tracker(ticket, keys, source_branch, lot_quantity)
        deadline = time.monotonic() + give_up_after
        while True:
            report = self._pass(tracker)
            if on_progress is not None:
                on_progress(report)
            if report.is_complete or time.monotonic() + every > deadline:
                return dict(report.states)
            self.sleep(every)
