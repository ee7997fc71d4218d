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
    progress: JobProgress | None
    timeline: NotRequired[list[JobEvent]]
