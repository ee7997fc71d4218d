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
    FlowAccepted,
    FlowView,
    JobError,
    JobEvent,
    JobProgress,
    JobStatus,
    JobView,
    Problem,
)
from .callbacks import CALLBACK_TOLERANCE_SECONDS, verify_callback_signature
from .client import FINISHED_STATUSES, Errand
from .errors import (
    ErrandConnectionError,
    ErrandError,
    ErrandTimeoutError,
    ErrandUnavailableError,
)
from .flows import FlowCancellation
from .job_types import EnqueueRequest, FlowChain, FlowNode, JobType

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
    "FlowAccepted",
    "FlowCancellation",
    "FlowChain",
    "FlowNode",
    "FlowView",
    "JobError",
    "JobEvent",
    "JobProgress",
    "JobStatus",
    "JobType",
    "JobView",
    "Problem",
    "CALLBACK_TOLERANCE_SECONDS",
    "verify_callback_signature",
]
