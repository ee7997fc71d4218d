"""Turns `enqueue`'s Python options into a `POST /enqueue` body.

Durations are seconds (or a `timedelta`), as everywhere in Python; the API
takes milliseconds. Range checks stay with the API, so that a bad value
fails with the same `contract.invalidRequest` and field path as from any
other client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any


def enqueue_body(
    type: str,
    payload: Mapping[str, Any],
    retries: int | None,
    priority: int | None,
    delay: float | timedelta | None,
    run_at: datetime | str | None,
    concurrency_key: str | None = None,
    callback_url: str | None = None,
) -> dict[str, Any]:
    """The JSON body for one job; options left as None are left out."""
    body: dict[str, Any] = {"type": type, "payload": dict(payload)}
    if concurrency_key is not None:
        body["concurrencyKey"] = concurrency_key
    if callback_url is not None:
        body["callback"] = {"url": callback_url}
    if retries is not None:
        body["retries"] = retries
    if priority is not None:
        body["priority"] = priority
    if delay is not None:
        seconds = delay.total_seconds() if isinstance(delay, timedelta) else delay
        body["delay"] = round(seconds * 1000)
    if run_at is not None:
        body["runAt"] = _iso_time(run_at)
    return body


def item_body(item: Mapping[str, Any]) -> dict[str, Any]:
    """One job of a batch, or one node of a flow without its own fields."""
    return enqueue_body(
        item["type"],
        item["payload"],
        item.get("retries"),
        item.get("priority"),
        item.get("delay"),
        item.get("run_at"),
        item.get("concurrency_key"),
        item.get("callback_url"),
    )


def flow_body(flow: Mapping[str, Any]) -> dict[str, Any]:
    """A `POST /flows` body: a tree or a chain, every node as `item_body`.

    A key this client does not know is passed on as it is, so the API names
    it in its `contract.invalidRequest` (400) with the node's path.
    """
    if "chain" in flow:
        return {**flow, "chain": [_node_body(step) for step in flow["chain"]]}
    return _node_body(flow)


#: Node options spelt in Python, and how the API spells them.
_NODE_FIELDS = {"name": "name", "on_failure": "onFailure"}
#: What `item_body` reads; everything else of a node is passed on.
_ITEM_FIELDS = frozenset(
    {
        "type",
        "payload",
        "retries",
        "priority",
        "delay",
        "run_at",
        "concurrency_key",
        "callback_url",
    }
)


def _node_body(node: Mapping[str, Any]) -> dict[str, Any]:
    body = item_body(node)
    for key, value in node.items():
        if key in _ITEM_FIELDS:
            continue
        if key == "children":
            body["children"] = [_node_body(child) for child in value]
        else:
            body[_NODE_FIELDS.get(key, key)] = value
    return body


def _iso_time(run_at: datetime | str) -> str:
    if isinstance(run_at, str):
        return run_at
    # A naive datetime could mean any zone: refuse to guess.
    if run_at.tzinfo is None or run_at.utcoffset() is None:
        raise ValueError(
            "run_at must be timezone-aware, e.g. datetime.now(timezone.utc)."
        )
    return run_at.isoformat()
