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
) -> dict[str, Any]:
    """The JSON body for one job; options left as None are left out."""
    body: dict[str, Any] = {"type": type, "payload": dict(payload)}
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


def _iso_time(run_at: datetime | str) -> str:
    if isinstance(run_at, str):
        return run_at
    # A naive datetime could mean any zone: refuse to guess.
    if run_at.tzinfo is None or run_at.utcoffset() is None:
        raise ValueError(
            "run_at must be timezone-aware, e.g. datetime.now(timezone.utc)."
        )
    return run_at.isoformat()
