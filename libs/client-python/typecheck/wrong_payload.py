"""Calls a type checker must refuse: each marked line, and no other, is an error.

tsc refuses the same mistakes in libs/client/src/__fixtures__/wrong-payloads.
A mark gives text that mypy's error on its line must contain: mypy names the
call that matches no `enqueue` overload rather than the offending field.
"""

from errand_client import Errand

errand = Errand("http://127.0.0.1:8000")

# `subject` is required.
errand.enqueue("email.send", {"to": "ada@example.com"})  # error: No overload variant of "enqueue"
# A misspelt field.
errand.enqueue("email.send", {"to": "ada@example.com", "subjet": "Hi"})  # error: No overload variant of "enqueue"
# `to` is an address or a list of them.
errand.enqueue("email.send", {"to": 42, "subject": "Hi"})  # error: No overload variant of "enqueue"
# `ms` is an int.
errand.enqueue("system.sleep", {"ms": "100"})  # error: No overload variant of "enqueue"
# system.noop takes nothing.
errand.enqueue("system.noop", {"extra": True})  # error: No overload variant of "enqueue"
# Not a type of the catalog.
errand.enqueue("no.such.type", {})  # error: No overload variant of "enqueue"
# `retries` is an int.
errand.enqueue("system.noop", {}, retries="3")  # error: No overload variant of "enqueue"
# A batch job's payload is held to its type too.
errand.enqueue_batch([{"type": "system.sleep", "payload": {}}])  # error: incompatible type
# A status is one of the status names, never a number.
sent: int = errand.enqueue("system.noop", {})["status"]  # error: Incompatible types in assignment
# A flow's nodes are held to their types at any depth.
errand.flows.create({"type": "system.noop", "payload": {}, "children": [{"type": "system.sleep", "payload": {"ms": "1"}}]})  # error: incompatible type
# `on_failure` is one of three policies.
errand.flows.create({"type": "system.noop", "payload": {}, "on_failure": "retry"})  # error: incompatible type
