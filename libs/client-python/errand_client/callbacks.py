"""Checking the callbacks Errand POSTs when a job ends (docs/http-api.md, "Callbacks")."""

from __future__ import annotations

import hashlib
import hmac
import re
import time

CALLBACK_TOLERANCE_SECONDS = 300
"""How old a signed timestamp may be, in seconds, before it is refused as a replay."""

_TIMESTAMP = re.compile(r"^\d{1,12}$")
_DIGEST = re.compile(r"^[0-9a-fA-F]{64}$")


def verify_callback_signature(
    raw_body: bytes | str,
    signature: str | None,
    secret: str,
    *,
    tolerance_seconds: float = CALLBACK_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """Whether a callback is genuine.

    ``signature`` is its ``Errand-Signature`` header (``t=<unix seconds>,v1=<hex>``)
    and ``raw_body`` the body exactly as received, before any JSON parsing. The
    HMAC-SHA256 of ``<t>.<body>`` under ``secret`` (the API's
    ``CALLBACK_SIGNING_SECRET``) must equal ``v1``, compared in constant time,
    and ``t`` must be within ``tolerance_seconds`` of ``now``, so a captured
    delivery cannot be replayed later. Parse the body only once this is true.
    """
    parts: dict[str, str] = {}
    for part in (signature or "").split(","):
        name, _, value = part.partition("=")
        parts[name.strip()] = value.strip()
    t = parts.get("t", "")
    v1 = parts.get("v1", "")
    if not _TIMESTAMP.match(t) or not _DIGEST.match(v1):
        return False
    current = time.time() if now is None else now
    if abs(current - int(t)) > tolerance_seconds:
        return False
    body = raw_body.encode("utf-8") if isinstance(raw_body, str) else raw_body
    expected = hmac.new(
        secret.encode("utf-8"), t.encode("ascii") + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, v1.lower())
