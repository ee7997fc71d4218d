"""A typed client for the Errand job queue's HTTP API, standard library only.

    from errand_client import Errand

    errand = Errand("http://127.0.0.1:8000", api_key="errand_...")
    job = errand.enqueue("email.send", {"to": "ada@example.com", "subject": "Hi"})
    done = errand.wait(job["id"])

See docs/python-client.md.
"""

from ._version import __version__
from .api_types import (
    EnqueueAccepted,
    EnqueueBatchAccepted,
    FieldIssue,
    JobError,
    JobEvent,
    JobProgress,
    JobStatus,
    JobView,
    Problem,
)
from .client import FINISHED_STATUSES, Errand
from .errors import (
    ErrandConnectionError,
    ErrandError,
    ErrandTimeoutError,
    ErrandUnavailableError,
)
from .job_types import EnqueueRequest, JobType

__all__ = [
    "__version__",
    "Errand",
    "FINISHED_STATUSES",
    "ErrandError",
    "ErrandUnavailableError",
    "ErrandConnectionError",
    "ErrandTimeoutError",
    "EnqueueAccepted",
    "EnqueueBatchAccepted",
    "EnqueueRequest",
    "FieldIssue",
    "JobError",
    "JobEvent",
    "JobProgress",
    "JobStatus",
    "JobType",
    "JobView",
    "Problem",
]
