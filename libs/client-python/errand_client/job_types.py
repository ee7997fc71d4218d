# Generated from libs/contracts by tools/python-client/generate-types.ts:
# do not edit. After changing a contract, run
#   npx tsx tools/python-client/generate-types.ts
"""The job types of the catalog (libs/contracts/src/jobs), typed."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal, NotRequired, TypedDict, overload

from .api_types import EnqueueAccepted, OnFailure


class EmailAttachment(TypedDict):
    filename: str
    contentType: NotRequired[str]
    content: NotRequired[str]
    url: NotRequired[str]


class EmailSendPayload(TypedDict):
    """The payload of `email.send`. Sends one email over SMTP (to, cc and bcc up to
    50 each, attachments by URL or base64).
    """

    to: str | list[str]
    cc: NotRequired[list[str]]
    bcc: NotRequired[list[str]]
    replyTo: NotRequired[str]
    subject: str
    text: NotRequired[str]
    html: NotRequired[str]
    attachments: NotRequired[list[EmailAttachment]]


class EmailSendResult(TypedDict):
    """What `email.send` returns: a finished job's `result`."""

    messageId: str


class SystemNoopPayload(TypedDict):
    """The payload of `system.noop`. Does nothing. Measures the queue itself
    (benchmarks, smoke tests).
    """


class SystemNoopResult(TypedDict):
    """What `system.noop` returns: a finished job's `result`."""


class SystemSleepPayload(TypedDict):
    """The payload of `system.sleep`. Sleeps for `ms` milliseconds, then succeeds.
    Stands in for slow work.
    """

    ms: int


class SystemSleepResult(TypedDict):
    """What `system.sleep` returns: a finished job's `result`."""

    sleptMs: int
    #: When the sleep began, in ms since the epoch: flow-control tests read when each
    #: job really ran.
    startedAt: NotRequired[int]


class SystemFailPayload(TypedDict):
    """The payload of `system.fail`. Fails on purpose: `times` attempts fail (all of
    them if left out); `permanent` discards at once.
    """

    #: Attempts that fail before one succeeds. Left out, every attempt fails.
    times: NotRequired[int]
    #: Fail permanently: straight to the dead-letter queue, no retries.
    permanent: NotRequired[bool]
    message: NotRequired[str]


class SystemFailResult(TypedDict):
    """What `system.fail` returns: a finished job's `result`."""

    succeededOnAttempt: int


class WebhookDeliverPayload(TypedDict):
    """The payload of `webhook.deliver`. Delivers one signed JSON webhook
    (HMAC-SHA256 over timestamp and body); redirects are not followed.
    """

    url: str
    method: NotRequired[Literal["POST", "PUT", "PATCH"]]
    #: Any JSON value; sent as JSON.
    body: Any
    secret: str
    headers: NotRequired[dict[str, str]]
    timeoutMs: NotRequired[int]


class WebhookDeliverResult(TypedDict):
    """What `webhook.deliver` returns: a finished job's `result`."""

    status: int
    deliveryId: str
    excerpt: str


class ImageResizePayload(TypedDict):
    """The payload of `image.resize`. Resizes one image (by URL or base64) with sharp
    into the output folder. The output is at most 50 Mpx as JPEG or PNG, 3840 x
    2160 pixels as WebP or AVIF, and 16 times the input area (4 Mpx whatever the
    input).
    """

    url: NotRequired[str]
    base64: NotRequired[str]
    width: NotRequired[int]
    height: NotRequired[int]
    #: How the image fits the box, in sharp's terms; inside by default.
    fit: NotRequired[Literal["cover", "contain", "fill", "inside", "outside"]]
    #: Output format; webp by default.
    format: NotRequired[Literal["webp", "jpeg", "png", "avif"]]
    quality: NotRequired[int]


class ImageResizeResult(TypedDict):
    """What `image.resize` returns: a finished job's `result`."""

    path: str
    format: str
    width: int
    height: int
    bytes: int


class PdfTable(TypedDict):
    columns: list[str]
    rows: list[list[str]]


class PdfRenderPayload(TypedDict):
    """The payload of `pdf.render`. Renders a title, paragraphs and a table to a PDF
    (pdfkit) in the output folder.
    """

    title: str
    paragraphs: list[str]
    table: NotRequired[PdfTable]


class PdfRenderResult(TypedDict):
    """What `pdf.render` returns: a finished job's `result`."""

    path: str
    pages: int
    bytes: int


#: Every job type of the catalog.
JobType = Literal[
    "email.send",
    "system.noop",
    "system.sleep",
    "system.fail",
    "webhook.deliver",
    "image.resize",
    "pdf.render",
]


class EmailSendRequest(TypedDict):
    """One `email.send` job of `enqueue_batch`."""

    type: Literal["email.send"]
    payload: EmailSendPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class EmailSendFlowNode(TypedDict):
    """One `email.send` node of `flows.create`: a batch job's options, a name unique
    among its siblings, what its death does to its parent, and the nodes it waits
    for.
    """

    type: Literal["email.send"]
    payload: EmailSendPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class SystemNoopRequest(TypedDict):
    """One `system.noop` job of `enqueue_batch`."""

    type: Literal["system.noop"]
    payload: SystemNoopPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class SystemNoopFlowNode(TypedDict):
    """One `system.noop` node of `flows.create`: a batch job's options, a name unique
    among its siblings, what its death does to its parent, and the nodes it waits
    for.
    """

    type: Literal["system.noop"]
    payload: SystemNoopPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class SystemSleepRequest(TypedDict):
    """One `system.sleep` job of `enqueue_batch`."""

    type: Literal["system.sleep"]
    payload: SystemSleepPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class SystemSleepFlowNode(TypedDict):
    """One `system.sleep` node of `flows.create`: a batch job's options, a name
    unique among its siblings, what its death does to its parent, and the nodes it
    waits for.
    """

    type: Literal["system.sleep"]
    payload: SystemSleepPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class SystemFailRequest(TypedDict):
    """One `system.fail` job of `enqueue_batch`."""

    type: Literal["system.fail"]
    payload: SystemFailPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class SystemFailFlowNode(TypedDict):
    """One `system.fail` node of `flows.create`: a batch job's options, a name unique
    among its siblings, what its death does to its parent, and the nodes it waits
    for.
    """

    type: Literal["system.fail"]
    payload: SystemFailPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class WebhookDeliverRequest(TypedDict):
    """One `webhook.deliver` job of `enqueue_batch`."""

    type: Literal["webhook.deliver"]
    payload: WebhookDeliverPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class WebhookDeliverFlowNode(TypedDict):
    """One `webhook.deliver` node of `flows.create`: a batch job's options, a name
    unique among its siblings, what its death does to its parent, and the nodes it
    waits for.
    """

    type: Literal["webhook.deliver"]
    payload: WebhookDeliverPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class ImageResizeRequest(TypedDict):
    """One `image.resize` job of `enqueue_batch`."""

    type: Literal["image.resize"]
    payload: ImageResizePayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class ImageResizeFlowNode(TypedDict):
    """One `image.resize` node of `flows.create`: a batch job's options, a name
    unique among its siblings, what its death does to its parent, and the nodes it
    waits for.
    """

    type: Literal["image.resize"]
    payload: ImageResizePayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


class PdfRenderRequest(TypedDict):
    """One `pdf.render` job of `enqueue_batch`."""

    type: Literal["pdf.render"]
    payload: PdfRenderPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]


class PdfRenderFlowNode(TypedDict):
    """One `pdf.render` node of `flows.create`: a batch job's options, a name unique
    among its siblings, what its death does to its parent, and the nodes it waits
    for.
    """

    type: Literal["pdf.render"]
    payload: PdfRenderPayload
    retries: NotRequired[int]
    priority: NotRequired[int]
    delay: NotRequired[float | timedelta]
    run_at: NotRequired[datetime | str]
    concurrency_key: NotRequired[str]
    callback_url: NotRequired[str]
    name: NotRequired[str]
    on_failure: NotRequired[OnFailure]
    children: NotRequired[list[FlowNode]]


#: One job of `enqueue_batch`, its payload typed by its `type`.
EnqueueRequest = (
    EmailSendRequest
    | SystemNoopRequest
    | SystemSleepRequest
    | SystemFailRequest
    | WebhookDeliverRequest
    | ImageResizeRequest
    | PdfRenderRequest
)


#: One node of a flow, its payload typed by its `type`, at any depth.
FlowNode = (
    EmailSendFlowNode
    | SystemNoopFlowNode
    | SystemSleepFlowNode
    | SystemFailFlowNode
    | WebhookDeliverFlowNode
    | ImageResizeFlowNode
    | PdfRenderFlowNode
)


class FlowChain(TypedDict):
    """`{"chain": [a, b, c]}`: a, then b, then c, each reading the result of the one
    before. Steps have no `children`.
    """

    chain: list[FlowNode]


class TypedEnqueue(ABC):
    """`enqueue`, with one overload per job type. `Errand` sends the request."""

    @abstractmethod
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
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["email.send"],
        payload: EmailSendPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["system.noop"],
        payload: SystemNoopPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["system.sleep"],
        payload: SystemSleepPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["system.fail"],
        payload: SystemFailPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["webhook.deliver"],
        payload: WebhookDeliverPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["image.resize"],
        payload: ImageResizePayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    @overload
    def enqueue(
        self,
        type: Literal["pdf.render"],
        payload: PdfRenderPayload,
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted: ...

    def enqueue(
        self,
        type: str,
        payload: Mapping[str, Any],
        *,
        retries: int | None = None,
        priority: int | None = None,
        delay: float | timedelta | None = None,
        run_at: datetime | str | None = None,
        idempotency_key: str | None = None,
        concurrency_key: str | None = None,
        callback_url: str | None = None,
    ) -> EnqueueAccepted:
        """`POST /enqueue`: stores one job and returns its id and first status. The
        payload is typed by the job type's contract, so a wrong one fails type
        checking; the API checks it again (`contract.invalidPayload`, 400, with
        the offending fields in `errors`). `retries` and `priority` default to the
        type's; `delay` is in seconds; `run_at` is a timezone-aware datetime or an
        ISO 8601 string. With an `idempotency_key`, a repeat (a retry after a
        timeout, say) returns the first job instead of storing another; the same
        key with another request fails with `request.idempotencyConflict` (409). A
        `concurrency_key` (a tenant id, say) counts the job against its type's
        per-key cap (docs/flow-control.md); a `callback_url` is POSTed a signed
        event when the job ends (docs/http-api.md, "Callbacks").
        """
        return self._enqueue(
            type,
            payload,
            retries=retries,
            priority=priority,
            delay=delay,
            run_at=run_at,
            idempotency_key=idempotency_key,
            concurrency_key=concurrency_key,
            callback_url=callback_url,
        )
