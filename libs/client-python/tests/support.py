"""What every test needs: a client of the stack the jest spec started.

libs/client-python/src/python-client.int.spec.ts starts a private Redis, the
API and a worker, then runs these tests with:
- ERRAND_URL: the API;
- ERRAND_API_KEY: an admin key (cancel and retry need admin);
- ERRAND_UNAVAILABLE_URL: a second API whose Redis has been stopped.
"""

from __future__ import annotations

import os
import uuid

from errand_client import Errand


def setting(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(
            f"{name} is not set: run these tests through "
            "libs/client-python/src/python-client.int.spec.ts, which starts the API."
        )
    return value


def client(**options: float) -> Errand:
    """A client of the running API, with the admin key."""
    return Errand(setting("ERRAND_URL"), setting("ERRAND_API_KEY"), **options)


def unique(prefix: str) -> str:
    """A value no other test (or earlier run) uses, e.g. an idempotency key."""
    return f"{prefix}-{uuid.uuid4()}"
