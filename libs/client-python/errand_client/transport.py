"""One HTTP call to the Errand API over `http.client`, errors included.

1. build headers: JSON, and the API key as a bearer token (never in the URL,
   where proxies and access logs would keep it);
2. connect and send, `timeout` seconds for the connection and each read;
3. 2xx → the JSON body; anything else → the problem as an `ErrandError`.

`open_stream` stops after step 2 and hands the open response to the caller,
for the Server-Sent Events of `GET /jobs/:id/events`.
"""

from __future__ import annotations

import http.client
import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from ._version import __version__
from .api_types import FieldIssue
from .errors import (
    NETWORK,
    TIMEOUT,
    UNEXPECTED_RESPONSE,
    ErrandConnectionError,
    ErrandError,
    ErrandTimeoutError,
    ErrandUnavailableError,
)


@dataclass(frozen=True)
class Transport:
    """Where and how every request of one client goes."""

    scheme: str
    host: str
    port: int | None
    #: The base URL's path without a trailing slash, e.g. "" or "/errand".
    prefix: str
    api_key: str | None
    timeout: float

    @classmethod
    def parse(cls, base_url: str, api_key: str | None, timeout: float) -> Transport:
        """Checks the options once, so a typo fails here, not on each call."""
        url = urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError("base_url must be an absolute http(s) URL.")
        # The message does not repeat the URL: it may hold a secret.
        if url.query or url.fragment or url.username or url.password:
            raise ValueError(
                "base_url must not carry a query, fragment or credentials; "
                "pass api_key instead."
            )
        if not timeout > 0:
            raise ValueError(f"timeout must be positive (got {timeout}).")
        return cls(
            scheme=url.scheme,
            host=url.hostname,
            port=url.port,
            prefix=url.path.rstrip("/"),
            api_key=api_key,
            timeout=timeout,
        )

    @property
    def base_url(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{port}{self.prefix}"


def job_path(job_id: str, suffix: str = "") -> str:
    """`/jobs/<id><suffix>`, the id escaped so that it stays one segment."""
    return f"/jobs/{quote(job_id, safe='')}{suffix}"


def request(
    transport: Transport,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """Sends one call and returns its JSON answer, or raises an ErrandError."""
    connection, response = _send(transport, method, path, body, headers, "json")
    try:
        status = response.status
        text = _read(response, transport, f"{method} {path}")
    finally:
        connection.close()
    parsed = _parse_json(text)
    if 200 <= status < 300 and parsed is not _NOT_JSON:
        return parsed
    raise problem_error(status, parsed, response.getheader("Retry-After"))


def open_stream(
    transport: Transport,
    path: str,
    read_timeout: float | None,
    headers: dict[str, str] | None = None,
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Opens a `text/event-stream` GET; raises the problem if it is refused.

    `read_timeout` bounds each read once the stream is open (None: wait for
    ever); the caller closes the connection.
    """
    connection, response = _send(transport, "GET", path, None, headers, "sse")
    if response.status != 200:
        try:
            text = _read(response, transport, f"GET {path}")
        finally:
            connection.close()
        raise problem_error(
            response.status, _parse_json(text), response.getheader("Retry-After")
        )
    if connection.sock is not None:
        connection.sock.settimeout(read_timeout)
    return connection, response


def problem_error(
    status: int, body: Any, retry_after_header: str | None = None
) -> ErrandError:
    """The exception for an error answer: its problem, or unexpectedResponse.

    Loose on purpose: a newer API may send a code this client does not know
    yet, and it should still reach the caller rather than be dropped.
    """
    retry_after = _seconds(retry_after_header)
    if (
        isinstance(body, dict)
        and isinstance(body.get("code"), str)
        and isinstance(body.get("status"), int)
    ):
        issues = body.get("errors")
        errors: list[FieldIssue] = issues if isinstance(issues, list) else []
        kind = ErrandUnavailableError if status == 503 else ErrandError
        return kind(
            body["code"],
            str(body.get("detail") or body.get("title") or body["code"]),
            status=status,
            errors=errors,
            problem=body,
            retry_after=retry_after,
        )
    return ErrandError(
        UNEXPECTED_RESPONSE,
        f"The Errand API answered {status} without a problem+json body.",
        status=status,
        retry_after=retry_after,
    )


_ACCEPT = {
    "json": "application/json, application/problem+json",
    "sse": "text/event-stream, application/problem+json",
}


def _send(
    transport: Transport,
    method: str,
    path: str,
    body: Any,
    extra: dict[str, str] | None,
    accept: str,
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    headers = {
        **(extra or {}),
        "Accept": _ACCEPT[accept],
        "User-Agent": f"errand-client-python/{__version__}",
    }
    if transport.api_key:
        headers["Authorization"] = f"Bearer {transport.api_key}"
    payload = None
    if body is not None:
        payload = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"

    connection_class = (
        http.client.HTTPSConnection
        if transport.scheme == "https"
        else http.client.HTTPConnection
    )
    connection = connection_class(
        transport.host, transport.port, timeout=transport.timeout
    )
    call = f"{method} {path}"
    try:
        connection.request(method, transport.prefix + path, payload, headers)
        return connection, connection.getresponse()
    except (TimeoutError, socket.timeout) as error:
        connection.close()
        raise _timeout(transport, call) from error
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise ErrandConnectionError(
            NETWORK,
            f"Could not reach the Errand API at {transport.base_url} ({call}): {error}",
        ) from error


def _read(response: http.client.HTTPResponse, transport: Transport, call: str) -> str:
    try:
        return response.read().decode("utf-8", errors="replace")
    except (TimeoutError, socket.timeout) as error:
        raise _timeout(transport, call) from error
    except (OSError, http.client.HTTPException) as error:
        raise ErrandConnectionError(
            NETWORK, f"The Errand API broke off its answer to {call}: {error}"
        ) from error


def _timeout(transport: Transport, call: str) -> ErrandTimeoutError:
    return ErrandTimeoutError(
        TIMEOUT,
        f"The Errand API did not answer {call} within {transport.timeout} s.",
    )


_NOT_JSON = object()


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return _NOT_JSON


def _seconds(header: str | None) -> float | None:
    """`Retry-After` in seconds; the HTTP-date form is not used by Errand."""
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None
