"""Reads a Server-Sent Events stream into events, as the WHATWG format says.

`event:` names an event, `data:` lines are its data, a blank line ends it,
and `:` comment lines (the API's heartbeats) are skipped. `id:` and `retry:`
are kept across reconnections: the API closes a stream at the end of its
lifetime with a `retry:` delay, and the client reconnects with the last id as
`Last-Event-ID`, so the API does not resend the view the client already has.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSentEvent:
    """One event: its name (`message` when unnamed) and its data lines."""

    event: str
    data: str


class EventStreamReader:
    """Parses the streams of one subscription, reconnections included."""

    def __init__(self, retry_seconds: float) -> None:
        #: The last `id:` seen, sent back as `Last-Event-ID` on reconnection.
        self.last_event_id: str | None = None
        #: How long to wait before reconnecting; `retry:` sets it.
        self.retry_seconds = retry_seconds

    def read(self, lines: Iterable[bytes]) -> Iterator[ServerSentEvent]:
        """Yields each complete event of one stream as its blank line arrives."""
        event = ""
        data: list[str] = []
        for raw in lines:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line:
                if data:
                    yield ServerSentEvent(event or "message", "\n".join(data))
                event, data = "", []
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
            elif name == "id" and "\0" not in value:
                self.last_event_id = value
            elif name == "retry" and value.isdigit():
                self.retry_seconds = int(value) / 1000
