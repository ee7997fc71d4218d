"""`Errand`: the client for the Errand HTTP API, mirroring `@errand/client`."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from . import transport
from .api_types import EnqueueAccepted, EnqueueBatchAccepted, JobView
from .enqueue_options import enqueue_body, item_body
from .errors import NETWORK, TIMEOUT, ErrandConnectionError, ErrandTimeoutError
from .flows import Flows
from .job_types import EnqueueRequest, TypedEnqueue
from .sse import EventStreamReader

#: Statuses a job never leaves on its own: `wait` returns at one of them.
FINISHED_STATUSES = frozenset({"succeeded", "dead", "cancelled"})

#: How long an open event stream may stay silent before it counts as lost:
#: four of the API's 15-second heartbeats.
STREAM_IDLE_TIMEOUT = 60.0

#: Seconds before reconnecting to a closed event stream, until the API's
#: `retry:` says otherwise.
RECONNECT_DELAY = 1.0


class Errand(TypedEnqueue):
    """A client for one Errand API. Nothing is sent until a method is called.

    Every method raises an `ErrandError` (or a subclass) carrying the
    problem's `code`, `status` and field `errors`; see `errand_client.errors`.

    :param base_url: the API's root URL, e.g. `http://127.0.0.1:8000`; a
        path prefix such as `/errand` is kept.
    :param api_key: sent as `Authorization: Bearer <api_key>`, never in the
        URL. Default: no `Authorization` header (an API running open).
    :param timeout: seconds to wait for the connection and for each read of
        an answer before raising `ErrandTimeoutError`. Default: 10.
    """

    def __init__(
        self, base_url: str, api_key: str | None = None, timeout: float = 10.0
    ) -> None:
        self._transport = transport.Transport.parse(base_url, api_key, timeout)
        #: Jobs that wait for jobs: `flows.create`, `flows.get`, `flows.cancel`.
        self.flows = Flows(self._transport)

    def __repr__(self) -> str:
        # Never the API key.
        return f"Errand({self._transport.base_url!r})"

    def _enqueue(
        self,
        type: str,
        payload: Mapping[str, Any],
        *,
        retries: int | None,
        priority: int | None,
        delay: float | timedelta | None,
        run_at: datetime | str | None,
        idempotency_key: str | None,
        concurrency_key: str | None,
        callback_url: str | None,
    ) -> EnqueueAccepted:
        body = enqueue_body(
            type,
            payload,
            retries,
            priority,
            delay,
            run_at,
            concurrency_key,
            callback_url,
        )
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        accepted = transport.request(
            self._transport, "POST", "/enqueue", body, headers
        )
        return cast(EnqueueAccepted, accepted)

    def enqueue_batch(self, jobs: Sequence[EnqueueRequest]) -> EnqueueBatchAccepted:
        """`POST /enqueue/batch`: 1 to 1 000 jobs, stored all or none.

        Each job is a dict with `type` and `payload`, and optionally
        `retries`, `priority`, `delay`, `run_at`, `concurrency_key` and
        `callback_url` as `enqueue` takes them.
        A bad job fails the whole batch with paths such as
        `/jobs/3/payload/to`. Returns `{"jobs": [...]}`, one per job, in order.
        """
        body = {"jobs": [item_body(job) for job in jobs]}
        answer = transport.request(self._transport, "POST", "/enqueue/batch", body)
        return cast(EnqueueBatchAccepted, answer)

    def get(self, id: str) -> JobView:
        """`GET /jobs/:id`; `job.notFound` (404) for an unknown id."""
        view = transport.request(self._transport, "GET", transport.job_path(id))
        return cast(JobView, view)

    def cancel(self, id: str) -> JobView:
        """`DELETE /jobs/:id`: the job will not run (or is told to stop).

        Returns the job: `cancelled`, or still `running` when its worker was
        told to stop it (it ends `cancelled` unless it finishes first).
        `job.finished` (409) for a job that already ended.
        """
        view = transport.request(self._transport, "DELETE", transport.job_path(id))
        return cast(JobView, view)

    def retry(self, id: str) -> JobView:
        """`POST /jobs/:id/retry`: sends a dead job back to its queue.

        Same id, attempts reset; `job.notDead` (409) for any other job.
        """
        path = transport.job_path(id, "/retry")
        return cast(JobView, transport.request(self._transport, "POST", path))

    def events(self, id: str, timeout: float | None = None) -> Iterator[JobView]:
        """`GET /jobs/:id/events`: the job each time it changes, until it ends.

        Yields the job as it stands, then again whenever its status, attempts
        or progress change; the last one yielded is `succeeded`, `dead` or
        `cancelled`. When the API closes the stream before that (each stream
        has a lifetime), it reconnects after the API's `retry:` delay with
        `Last-Event-ID`, so no view is yielded twice. Leaving the loop early
        closes the stream.

        :param timeout: seconds the whole stream may take before
            `ErrandTimeoutError`. Default: until the job finishes.
        :raises ErrandError: `job.notFound` before anything is yielded, or
            the API's problem when it fails mid-stream (e.g. 503).
        :raises ErrandConnectionError: the stream broke off, or went silent.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        path = transport.job_path(id, "/events")
        reader = EventStreamReader(RECONNECT_DELAY)
        while True:
            headers = None
            if reader.last_event_id is not None:
                headers = {"Last-Event-ID": reader.last_event_id}
            connection, response = transport.open_stream(
                self._transport, path, _read_timeout(deadline), headers
            )
            try:
                lines = _lines(connection, response, deadline, path)
                for event in reader.read(lines):
                    if event.event == "status":
                        yield cast(JobView, json.loads(event.data))
                    elif event.event == "end":
                        return
                    elif event.event == "error":
                        problem = json.loads(event.data)
                        status = problem.get("status", 0)
                        raise transport.problem_error(status, problem)
            finally:
                connection.close()
            # Closed without `end`: the stream's lifetime ran out.
            _pause(reader.retry_seconds, deadline, path)

    def wait(self, id: str, timeout: float | None = 60.0) -> JobView:
        """Waits for the job to finish and returns it, result included.

        Listens to the job's events rather than polling. Returns the job once
        it is `succeeded`, `dead` or `cancelled`: check `status` (and
        `result` or `lastError`).

        :param timeout: seconds to wait; None waits as long as it takes.
        :raises ErrandTimeoutError: the job had not finished in time.
        """
        last: JobView | None = None
        try:
            for view in self.events(id, timeout):
                last = view
        except ErrandTimeoutError as error:
            raise ErrandTimeoutError(
                TIMEOUT, f"Job {id} did not finish within {timeout} s."
            ) from error
        if last is None or last["status"] not in FINISHED_STATUSES:
            raise ErrandTimeoutError(TIMEOUT, f"Job {id} did not finish.")
        return last


def _read_timeout(deadline: float | None) -> float:
    """Seconds the next read may block: to the deadline, at most idle time."""
    if deadline is None:
        return STREAM_IDLE_TIMEOUT
    return max(0.001, min(STREAM_IDLE_TIMEOUT, deadline - time.monotonic()))


def _pause(seconds: float, deadline: float | None, path: str) -> None:
    """Waits before a reconnection; raises if the deadline comes first."""
    if deadline is not None and time.monotonic() + seconds >= deadline:
        raise ErrandTimeoutError(TIMEOUT, f"GET {path} did not end in time.")
    time.sleep(seconds)


def _lines(
    connection: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    deadline: float | None,
    path: str,
) -> Iterator[bytes]:
    """The stream's lines, each read bounded by the deadline."""
    while True:
        if deadline is not None and time.monotonic() >= deadline:
            raise ErrandTimeoutError(TIMEOUT, f"GET {path} did not end in time.")
        if connection.sock is not None:
            connection.sock.settimeout(_read_timeout(deadline))
        try:
            line: bytes = response.readline()
        except TimeoutError as error:
            if deadline is not None and time.monotonic() >= deadline:
                raise ErrandTimeoutError(
                    TIMEOUT, f"GET {path} did not end in time."
                ) from error
            raise ErrandConnectionError(
                NETWORK,
                f"GET {path} sent nothing for {STREAM_IDLE_TIMEOUT} s; "
                "the connection is presumed lost.",
            ) from error
        except (OSError, http.client.HTTPException) as error:
            # HTTPException: a chunk cut short (IncompleteRead).
            raise ErrandConnectionError(
                NETWORK, f"GET {path} broke off: {error!r}"
            ) from error
        if not line:
            return
        yield line
