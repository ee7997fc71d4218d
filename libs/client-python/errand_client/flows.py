"""`Errand.flows`: jobs that wait for jobs (docs/flows.md), as `client.flows`
is in `@errand/client`.

A flow's id is its root job's id, so `Errand.wait(flow["id"])` waits for the
whole flow, and `Errand.get` reads any node.
"""

from __future__ import annotations

from typing import TypedDict, cast
from urllib.parse import quote

from . import transport
from .api_types import FlowAccepted, FlowView
from .enqueue_options import flow_body
from .job_types import FlowChain, FlowNode


class FlowCancellation(TypedDict):
    """The answer to `flows.cancel`: how its nodes stood."""

    #: Nodes that will not run.
    cancelled: int
    #: Running nodes asked to stop (each ends `cancelled` unless it finishes first).
    requested: int
    #: Nodes that had ended already, left as they were.
    ended: int


class Flows:
    """`POST`, `GET` and `DELETE /flows`, over the client's connection settings."""

    def __init__(self, connection: transport.Transport) -> None:
        self._transport = connection

    def create(
        self, flow: FlowNode | FlowChain, *, idempotency_key: str | None = None
    ) -> FlowAccepted:
        """`POST /flows`: a tree or a chain, stored all or none.

        Each node is a dict as `enqueue_batch` takes one (`type`, `payload`,
        `retries`, `priority`, `delay` in seconds, `run_at`,
        `concurrency_key`, `callback_url`) with an optional `name` (unique
        among its siblings), `on_failure` (`"fail-parent"`, `"ignore"`,
        `"continue"`) and `children`, which run before it; or
        `{"chain": [a, b, c]}`. A parent runs once its children have ended
        and reads their results. A bad node fails the whole flow with a path
        such as `/children/2/payload/to`. Returns the root's id (the flow's)
        and every node's id and path.
        """
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        body = flow_body(flow)
        answer = transport.request(self._transport, "POST", "/flows", body, headers)
        return cast(FlowAccepted, answer)

    def get(self, id: str, cursor: str | None = None) -> FlowView:
        """`GET /flows/:id`: the root, counts by status and one page of nodes
        (1 000 at most, parents first); pass `nextCursor` for the next page.
        """
        query = "" if cursor is None else f"?cursor={quote(cursor, safe='')}"
        answer = transport.request(self._transport, "GET", _flow_path(id) + query)
        return cast(FlowView, answer)

    def cancel(self, id: str) -> FlowCancellation:
        """`DELETE /flows/:id`: cancels every node that has not ended (admin)."""
        answer = transport.request(self._transport, "DELETE", _flow_path(id))
        return cast(FlowCancellation, answer)


def _flow_path(flow_id: str) -> str:
    return f"/flows/{quote(flow_id, safe='')}"
