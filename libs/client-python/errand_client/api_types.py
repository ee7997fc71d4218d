# Generated from libs/contracts by tools/python-client/generate-types.ts:
# do not edit. After changing a contract, run
#   npx tsx tools/python-client/generate-types.ts
"""The API's answers, as the contracts define them (libs/contracts/src/http)."""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict


JobStatus = Literal[
    "queued",
    "scheduled",
    "running",
    "retrying",
    "waiting",
    "succeeded",
    "dead",
    "cancelled",
]


class FieldIssue(TypedDict):
    path: str
    message: str


class Problem(TypedDict):
    type: str
    title: str
    status: int
    detail: str
    code: Literal[
        "contract.invalidRequest",
        "contract.invalidPayload",
        "contract.unknownJobType",
        "contract.missingUpcaster",
        "request.malformedJson",
        "request.unsupportedMediaType",
        "request.bodyTooLarge",
        "request.routeNotFound",
        "request.invalidParameter",
        "request.idempotencyConflict",
        "request.keyInQuery",
        "request.rateLimited",
        "auth.unauthenticated",
        "auth.forbidden",
        "job.notFound",
        "job.notDead",
        "job.finished",
        "queue.unavailable",
        "queue.full",
        "flow.tooLarge",
        "config.invalid",
        "config.redisEvictionPolicy",
        "config.encryptionKeyMissing",
        "internal.error",
    ]
    errors: NotRequired[list[FieldIssue]]


class EnqueueAccepted(TypedDict):
    id: str
    type: str
    #: The alias the job was asked for under (`send_email`), when it was not its catalog
    #: type.
    requestedType: NotRequired[str]
    status: JobStatus
    createdAt: str


class EnqueueBatchAccepted(TypedDict):
    jobs: list[EnqueueAccepted]


class JobViewAttempts(TypedDict):
    made: int
    allowed: int


class JobError(TypedDict):
    message: str
    stack: str | None


class ChildrenSummaryCounts(TypedDict):
    queued: NotRequired[int]
    scheduled: NotRequired[int]
    running: NotRequired[int]
    retrying: NotRequired[int]
    waiting: NotRequired[int]
    succeeded: NotRequired[int]
    dead: NotRequired[int]
    cancelled: NotRequired[int]


class ChildrenSummary(TypedDict):
    """A flow parent's children, counted by status."""

    total: int
    counts: ChildrenSummaryCounts


class JobViewHeldBy(TypedDict):
    """Why a scheduled job waits though it asked to run now: its concurrencyKey has
    `running` of `cap` jobs running (perKeyConcurrency). It starts when one of
    them ends, at the latest at `runAt`; no attempt is used. Only on single-job
    reads of a job its key holds.
    """

    reason: Literal["key.held"]
    sentence: str
    key: str
    running: int
    cap: int | None


class JobViewCallback(TypedDict):
    url: str
    #: The `webhook.deliver` job that carries the callback once the job has ended; its
    #: id is derived from the job id, so one ending sends one callback.
    deliveryJobId: str
    #: That job's status; `none` while the job has not ended (or once the delivery job
    #: has passed its retention). On single-job reads only.
    deliveryStatus: NotRequired[JobStatus | Literal["none"]]


class JobProgress(TypedDict):
    percent: float
    message: NotRequired[str]


class JobEvent(TypedDict):
    at: str
    event: Literal[
        "created",
        "started",
        "failed",
        "snoozed",
        "released",
        "succeeded",
        "dead",
        "cancelled",
        "replayed",
    ]
    attempt: NotRequired[int]
    worker: NotRequired[str]
    durationMs: NotRequired[int]
    error: NotRequired[JobError]
    next: NotRequired[Literal["retrying", "dead"]]
    reason: NotRequired[str]
    until: NotRequired[str]
    by: NotRequired[str]
    patch: NotRequired[Any]


class JobView(TypedDict):
    id: str
    type: str
    #: The alias the job was asked for under (`send_email`), when it was not its catalog
    #: type.
    requestedType: NotRequired[str]
    status: JobStatus
    payload: Any
    priority: int
    attempts: JobViewAttempts
    result: Any
    lastError: JobError | None
    createdAt: str
    runAt: str | None
    startedAt: str | None
    finishedAt: str | None
    #: The job that waits for this one, when it is a node of a flow (docs/flows.md).
    parentId: NotRequired[str]
    #: A flow parent's children, counted by status.
    children: NotRequired[ChildrenSummary]
    #: Why a scheduled job waits though it asked to run now: its concurrencyKey has
    #: `running` of `cap` jobs running (perKeyConcurrency). It starts when one of them
    #: ends, at the latest at `runAt`; no attempt is used. Only on single-job reads of a
    #: job its key holds.
    heldBy: NotRequired[JobViewHeldBy]
    callback: NotRequired[JobViewCallback]
    progress: JobProgress | None
    timeline: NotRequired[list[JobEvent]]


#: What this node's death does to its parent: `fail-parent` (the default) ends it dead,
#: `ignore` lets it run when the others have ended, `continue` runs it at once.
OnFailure = Literal["fail-parent", "ignore", "continue"]


class FlowNodeAccepted(TypedDict):
    #: The node in the request body, as a JSON Pointer: `/`, `/children/2`, `/chain/1`.
    path: str
    id: str
    type: str
    name: NotRequired[str]
    status: JobStatus


class FlowAccepted(TypedDict):
    #: The root job's id: the flow's id.
    id: str
    type: str
    status: JobStatus
    createdAt: str
    nodes: list[FlowNodeAccepted]


class FlowNodeView(TypedDict):
    id: str
    type: str
    name: NotRequired[str]
    status: JobStatus
    parentId: str | None
    depth: int
    children: int


class FlowView(TypedDict):
    id: str
    type: str
    status: JobStatus
    #: A flow parent's children, counted by status.
    nodes: ChildrenSummary
    page: list[FlowNodeView]
    nextCursor: str | None
