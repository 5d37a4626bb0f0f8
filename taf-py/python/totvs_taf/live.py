"""Totvs Live connector: SOAP requests, response parsers, ``process_status`` and the Digibee
capsule contract.

Requests are :class:`LiveRequest` values (``url``, ``headers``, ``body``) to send with any HTTP
library; parsers take the response body and raise :class:`~totvs_taf.LiveError` for faults
(``error.invalid_access_key`` says when to fetch a new key) and unusable answers.

:class:`Client` talks to a connector over ``urllib``: it drives the core's :class:`Session`,
which fetches a key when there is none and, when the connector refuses it, fetches a new one
and calls again, once. :class:`Session` is the same state machine for any other HTTP library.
"""

from __future__ import annotations

import datetime
import http.client
import urllib.error
import urllib.request
from typing import List, Optional, Tuple

from ._enums import ProcessStatus
from ._errors import LiveError, TransportError
from ._native import (
    Finished,
    LiveRequest,
    OutboundTicket,
    Session,
    StatusItem,
    access_key_request,
    capsule,
    confirm_request,
    customer_request,
    parse_access_key,
    parse_confirmation,
    parse_customers,
    parse_status,
    parse_stores,
    process_status,
    status_request,
    stores_request,
    ticket_number_of,
)


def ticket_number(moment: datetime.datetime) -> str:
    """The inbound ticket number for a local time: ``0`` + ``YYMMDDHHMMSS`` + milliseconds."""
    return ticket_number_of(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond // 1000,
    )


class Client:
    """Talks to one Live connector endpoint for one satellite system, e.g.
    ``Client("http://host/LiveConnector/FacadeIntegracao.svc", codigo_sistema_satelite="220000251",
    usuario="user", senha="secret")``.

    Give ``chave`` to start with a key; give ``usuario`` and ``senha`` to let the client fetch
    keys (before the first call when it has none, and once more when the connector refuses
    one). Every method raises :class:`~totvs_taf.LiveError` when the call gives nothing
    (``code``: ``invalid_access_key``, ``fault``, ``http_status``, ``no_login``, ...) and
    :class:`~totvs_taf.TransportError` when no answer came, as ``totvs_taf.Client`` does.
    """

    def __init__(
        self,
        url: str,
        *,
        codigo_sistema_satelite: str,
        usuario: Optional[str] = None,
        senha: Optional[str] = None,
        chave: Optional[str] = None,
        timeout: float = 60.0,
    ) -> None:
        self.url = url.strip()
        self.timeout = timeout
        self.session = Session(
            self.url,
            codigo_sistema_satelite=codigo_sistema_satelite,
            usuario=usuario,
            senha=senha,
            chave=chave,
        )

    @property
    def chave(self) -> Optional[str]:
        """The key the client holds (to keep for the next client)."""
        return self.session.chave

    def _send(self, request: LiveRequest) -> Tuple[int, bytes]:
        outgoing = urllib.request.Request(
            request.url, data=request.body, method=request.method, headers=request.headers
        )
        try:
            with urllib.request.urlopen(outgoing, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()
        except (OSError, http.client.HTTPException) as error:
            # URLError is an OSError; an answer that is not HTTP (BadStatusLine) or breaks off
            # (IncompleteRead) is no answer either, as for ``totvs_taf.Client``.
            raise TransportError(f"no answer from {request.url}: {error}", request.url) from error

    def call(
        self,
        operation: str,
        *,
        numero_ticket: Optional[str] = None,
        retorna_todas_lojas: Optional[bool] = None,
    ) -> Finished:
        """Drives one call to its end and returns it (``value()`` raises when it failed); the
        answer's ``status`` and ``body`` feed :func:`capsule`."""
        self.session.start(operation, numero_ticket=numero_ticket, retorna_todas_lojas=retorna_todas_lojas)
        while True:
            output = self.session.poll()
            if isinstance(output, Finished):
                return output
            if output is None:
                raise LiveError("the Live session stalled", "stalled")
            status, body = self._send(output)
            self.session.handle_response(status, body)

    def access_key(self) -> str:
        """Fetches a new key (``ObterChaveAcessoLC_Integracao``); the client keeps it."""
        key: str = self.call("access_key").value()
        return key

    def ticket_status(self, numero_ticket: str) -> List[StatusItem]:
        """Every status item of inbound ticket ``numero_ticket``."""
        items: List[StatusItem] = self.call("ticket_status", numero_ticket=numero_ticket).value()
        return items

    def stores(self, retorna_todas_lojas: Optional[bool] = None) -> OutboundTicket:
        """The stores ticket (``RecuperarLojasLC_Integracao_Xml``)."""
        ticket: OutboundTicket = self.call("stores", retorna_todas_lojas=retorna_todas_lojas).value()
        return ticket

    def customers(self) -> OutboundTicket:
        """The customers ticket (``RecuperarClienteLC_Integracao``)."""
        ticket: OutboundTicket = self.call("customers").value()
        return ticket

    def confirm_ticket(self, numero_ticket: str) -> None:
        """Confirms outbound ticket ``numero_ticket`` (ticket "0" is refused, never sent)."""
        self.call("confirm_ticket", numero_ticket=numero_ticket).value()


__all__ = [
    "Client",
    "Finished",
    "LiveError",
    "LiveRequest",
    "OutboundTicket",
    "ProcessStatus",
    "Session",
    "StatusItem",
    "access_key_request",
    "capsule",
    "confirm_request",
    "customer_request",
    "parse_access_key",
    "parse_confirmation",
    "parse_customers",
    "parse_status",
    "parse_stores",
    "process_status",
    "status_request",
    "stores_request",
    "ticket_number",
]
