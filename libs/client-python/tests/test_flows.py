import unittest
from typing import Any, cast

from errand_client import ErrandError
from errand_client.job_types import FlowNode
from support import client, unique


class FlowsTest(unittest.TestCase):
    def test_a_tree_runs_its_children_before_its_root(self) -> None:
        errand = client()

        flow = errand.flows.create(
            {
                "type": "system.noop",
                "payload": {},
                "children": [
                    {"type": "system.sleep", "payload": {"ms": 50}, "name": "first"},
                    {
                        "type": "system.sleep",
                        "payload": {"ms": 10},
                        "name": "second",
                        "children": [{"type": "system.noop", "payload": {}}],
                    },
                ],
            }
        )
        root = errand.wait(flow["id"], timeout=30)
        tree = errand.flows.get(flow["id"])

        self.assertEqual(
            [(node["path"], node.get("name")) for node in flow["nodes"]],
            [
                ("/", None),
                ("/children/0", "first"),
                ("/children/1", "second"),
                ("/children/1/children/0", None),
            ],
        )
        self.assertEqual(root["status"], "succeeded")
        self.assertEqual(tree["nodes"], {"total": 4, "counts": {"succeeded": 4}})
        self.assertIsNone(tree["nextCursor"])
        depths = {node["id"]: node["depth"] for node in tree["page"]}
        self.assertEqual(depths[flow["id"]], 0)
        self.assertEqual(sorted(depths.values()), [0, 1, 1, 2])
        children = [
            errand.get(node["id"]) for node in flow["nodes"] if node["path"] != "/"
        ]
        started = cast(str, root["startedAt"])
        for child in children:
            self.assertEqual(child["status"], "succeeded")
            self.assertLessEqual(cast(str, child["finishedAt"]), started)

    def test_a_chain_runs_its_steps_in_order(self) -> None:
        errand = client()

        flow = errand.flows.create(
            {
                "chain": [
                    {"type": "system.sleep", "payload": {"ms": 10}},
                    {"type": "system.noop", "payload": {}, "retries": 1},
                ]
            },
            idempotency_key=unique("chain"),
        )
        last = errand.wait(flow["id"], timeout=30)
        first = errand.get(flow["nodes"][-1]["id"])

        self.assertEqual(last["type"], "system.noop")
        self.assertEqual(last["status"], "succeeded")
        self.assertEqual(last["attempts"]["allowed"], 2)
        self.assertEqual(first["type"], "system.sleep")
        self.assertLessEqual(
            cast(str, first["finishedAt"]), cast(str, last["startedAt"])
        )

    def test_a_bad_node_fails_the_whole_flow_naming_its_path(self) -> None:
        errand = client()
        # Past the type checker on purpose: the API must refuse it too.
        bad = cast(
            FlowNode,
            {
                "type": "system.noop",
                "payload": {},
                "on_failure": "ignore",
                "children": [{"type": "system.sleep", "payload": {"ms": "soon"}}],
            },
        )

        with self.assertRaises(ErrandError) as raised:
            errand.flows.create(bad)

        self.assertEqual(raised.exception.status, 400)
        self.assertEqual(raised.exception.code, "contract.invalidPayload")
        self.assertIn(
            "/children/0/payload/ms",
            [issue["path"] for issue in raised.exception.errors],
        )

    def test_cancel_stops_every_node_that_has_not_ended(self) -> None:
        errand = client()
        flow = errand.flows.create(
            {
                "type": "system.noop",
                "payload": {},
                "children": [
                    {"type": "system.sleep", "payload": {"ms": 1000}, "delay": 3600}
                    for _ in range(3)
                ],
            }
        )

        cancelled = errand.flows.cancel(flow["id"])

        self.assertEqual(cancelled, {"cancelled": 4, "requested": 0, "ended": 0})
        self.assertEqual(errand.get(flow["id"])["status"], "cancelled")
        with self.assertRaises(ErrandError) as raised:
            errand.flows.get("00000000-0000-4000-8000-000000000000")
        self.assertEqual(raised.exception.code, "job.notFound")

    def test_enqueue_sends_a_callback_url_and_a_concurrency_key(self) -> None:
        errand = client()

        later = errand.enqueue(
            "system.noop",
            {},
            delay=3600,
            callback_url="https://example.com/errand-callback",
            concurrency_key="tenant-42",
        )
        view = errand.get(later["id"])
        with self.assertRaises(ErrandError) as raised:
            errand.enqueue_batch(
                [
                    {"type": "system.noop", "payload": {}},
                    {"type": "system.noop", "payload": {}, "concurrency_key": ""},
                ]
            )

        self.assertEqual(
            cast(dict[str, Any], view.get("callback"))["url"],
            "https://example.com/errand-callback",
        )
        self.assertEqual(raised.exception.status, 400)
        self.assertEqual(
            [issue["path"] for issue in raised.exception.errors],
            ["/jobs/1/concurrencyKey"],
        )
