"""Calls a type checker must accept under `mypy --strict`."""

from datetime import datetime, timedelta, timezone
from typing import cast

from errand_client import EnqueueRequest, Errand, ErrandError, JobView
from errand_client.job_types import EmailSendPayload, EmailSendResult

errand = Errand("http://127.0.0.1:8000", api_key="errand_key", timeout=5.0)

welcome: EmailSendPayload = {"to": "ada@example.com", "subject": "Welcome!"}
accepted = errand.enqueue("email.send", welcome, retries=3, priority=5)
errand.enqueue(
    "email.send",
    {"to": ["ada@example.com", "alan@example.com"], "subject": "Hi", "text": "Hello"},
    delay=timedelta(minutes=5),
    idempotency_key="signup-42",
)
errand.enqueue("system.noop", {}, run_at=datetime.now(timezone.utc))
errand.enqueue("system.sleep", {"ms": 100}, delay=1.5)
errand.enqueue("image.resize", {"url": "https://example.com/a.png", "fit": "cover"})
errand.enqueue(
    "webhook.deliver",
    {"url": "https://example.com/h", "body": [1], "secret": "s" * 16},
)

jobs: list[EnqueueRequest] = [
    {"type": "system.noop", "payload": {}},
    {"type": "system.sleep", "payload": {"ms": 10}, "retries": 1, "delay": 2.0},
]
batch = errand.enqueue_batch(jobs)
ids: list[str] = [job["id"] for job in batch["jobs"]]

job: JobView = errand.wait(accepted["id"], timeout=30)
if job["status"] == "succeeded":
    result = cast(EmailSendResult, job["result"])
    message_id: str = result["messageId"]

for view in errand.events(accepted["id"]):
    status: str = view["status"]

try:
    errand.retry(errand.cancel(ids[0])["id"])
except ErrandError as error:
    fields: list[str] = [issue["path"] for issue in error.errors]
    code: str = error.code
    retryable: bool = error.retryable

# Flows: a tree typed at every depth, and a chain.
flow = errand.flows.create(
    {
        "type": "email.send",
        "payload": welcome,
        "callback_url": "https://example.com/errand-callback",
        "children": [
            {"type": "image.resize", "payload": {"url": "https://example.com/a.png"}},
            {
                "type": "system.sleep",
                "payload": {"ms": 10},
                "name": "pause",
                "on_failure": "ignore",
                "concurrency_key": "tenant-42",
                "children": [{"type": "system.noop", "payload": {}}],
            },
        ],
    },
    idempotency_key="pipeline-42",
)
flow_id: str = flow["id"]
errand.flows.create(
    {"chain": [{"type": "system.noop", "payload": {}}, {"type": "system.sleep", "payload": {"ms": 1}}]}
)
page = errand.flows.get(flow_id)
cursor: str | None = page["nextCursor"]
stopped: int = errand.flows.cancel(flow_id)["cancelled"]
errand.enqueue("system.noop", {}, concurrency_key="tenant-42", callback_url="https://example.com/cb")
