"""A stdlib-only HTTP client for WSTAFST2 (``urllib.request``), built on the sans-IO core.

Any other HTTP library works the same way: build the request with ``GetQuery`` or the
encoders, send it, and give the status and body to ``decode_*`` or ``Paginator``.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from typing import Iterator, Optional, Sequence, Tuple, Union

from ._native import (
    DeleteResponse,
    ErrorEntry,
    Fault,
    GetPage,
    GetQuery,
    NotFoundItem,
    Paginator,
    PendingItem,
    PostResponse,
    ProcessedItem,
    UnknownOutcome,
    decode_delete,
    decode_get,
    decode_post,
    encode_delete_request,
)

Item = Union[ProcessedItem, PendingItem, NotFoundItem]


class Client:
    """Talks to one WSTAFST2 service, e.g. ``Client("http://host:8080/rest/WSTAFST2")``."""

    def __init__(
        self,
        url: str,
        *,
        user: Optional[str] = None,
        password: Optional[str] = None,
        timeout: float = 30.0,
    ) -> None:
        self.url = url.rstrip("?")
        self.timeout = timeout
        self._headers = {"Content-Type": "application/json;charset=UTF-8"}
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    def _send(self, method: str, url: str, body: Optional[bytes]) -> Tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, method=method, headers=self._headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def get(self, query: GetQuery) -> Union[GetPage, ErrorEntry, Fault]:
        """One GET page (or the envelope or fault the server answered)."""
        status, body = self._send("GET", f"{self.url}?{query.to_query_string()}", None)
        return decode_get(status, body)

    def post(self, body: Union[str, bytes]) -> Union[PostResponse, ErrorEntry, Fault]:
        """Posts a lote body (see ``encode_post_request``), once: a POST is never re-sent.

        An empty or unreadable answer (a crashed worker) raises ``DecodeError``, and a 500, 502
        or 504 fault may come after the server stored some items: in both cases ask
        ``find_stored`` before sending anything again.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        status, answer = self._send("POST", self.url, data)
        return decode_post(status, answer)

    def find_stored(self, body: Union[str, bytes]) -> dict[str, list[str]]:
        """Which keys of a posted lote the server holds, after an answer that left it unknown:
        one GET pass by ticket and first branch. Returns ``{"stored", "not_stored",
        "unchecked"}``; send only ``not_stored`` again."""
        outcome = UnknownOutcome(body)
        found = [item.id for item in self.items(outcome.query) if not isinstance(item, NotFoundItem)]
        return outcome.split(found)

    def delete(
        self, tickets: Sequence[str], *, source_branch: Optional[str] = None
    ) -> Union[DeleteResponse, ErrorEntry, Fault]:
        """Deletes whole tickets."""
        url = self.url
        if source_branch is not None:
            url += "?" + GetQuery(start_rec_no=None, source_branch=source_branch).to_query_string()
        status, answer = self._send("DELETE", url, encode_delete_request(list(tickets)).encode())
        return decode_delete(status, answer)

    def items(self, query: GetQuery, *, max_pages: int = 10_000) -> Iterator[Item]:
        """Every record of a search, following the pages; raises ``PagingError`` on a bad page."""
        pager = Paginator(query, max_pages=max_pages)
        while True:
            next_query = pager.next_query()
            if next_query is None:
                return
            status, body = self._send("GET", f"{self.url}?{next_query.to_query_string()}", None)
            pager.handle_response(status, body)
            for event in pager.events():
                if isinstance(event, (ProcessedItem, PendingItem, NotFoundItem)):
                    yield event
