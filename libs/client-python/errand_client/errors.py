"""The exceptions every client call raises.

Branch on `code`: the API's stable problem codes (`contract.invalidPayload`,
`job.notFound`, `queue.unavailable`, ...) or the client's own `client.*`
codes when no answer came back. Catch a class for what to do next:
`retryable` errors may succeed if the same call is sent again later (with an
`idempotency_key`, an enqueue retried after a timeout stores one job).
"""

from __future__ import annotations

from typing import Any

from .api_types import FieldIssue

#: The API could not be reached: refused, reset, DNS, TLS.
NETWORK = "client.network"
#: The API did not answer in time, or `wait` ran out of time.
TIMEOUT = "client.timeout"
#: The API (or a proxy before it) answered with something unreadable.
UNEXPECTED_RESPONSE = "client.unexpectedResponse"


class ErrandError(Exception):
    """Every failure of an Errand client call."""

    #: True when sending the same call again later may succeed.
    retryable: bool = False

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        errors: list[FieldIssue] | None = None,
        problem: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        #: The problem's `code`, or a `client.*` code.
        self.code = code
        self.message = message
        #: The HTTP status; None when no answer came back.
        self.status = status
        #: The problem's `errors`: one `{path, message}` per offending field.
        self.errors: list[FieldIssue] = errors or []
        #: The `application/problem+json` body as the API sent it, if any.
        self.problem = problem
        #: Seconds to wait before trying again, from `Retry-After`, if sent.
        self.retry_after = retry_after

    def __str__(self) -> str:
        where = f" ({self.status})" if self.status is not None else ""
        return f"{self.code}{where}: {self.message}"


class ErrandUnavailableError(ErrandError):
    """503 `queue.unavailable`: the API is up but cannot reach Redis.

    Nothing was stored; send the call again after `retry_after` seconds.
    """

    retryable = True


class ErrandConnectionError(ErrandError):
    """`client.network`: no answer, e.g. the API is down or restarting."""

    retryable = True


class ErrandTimeoutError(ErrandError):
    """`client.timeout`: no answer in time, or the job did not finish in time.

    An enqueue that timed out may have been stored: retry it with the same
    `idempotency_key` to be sure it is stored once.
    """

    retryable = True
