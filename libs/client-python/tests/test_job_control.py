import os
import threading
import unittest

from errand_client import ErrandError
from support import client


class EventsTest(unittest.TestCase):
    def test_events_yields_each_state_until_the_job_ends(self) -> None:
        errand = client()
        accepted = errand.enqueue("system.noop", {}, delay=3600)

        statuses: list[str] = []
        for view in errand.events(accepted["id"], timeout=30):
            self.assertEqual(view["id"], accepted["id"])
            statuses.append(view["status"])
            if view["status"] == "scheduled":
                errand.cancel(accepted["id"])

        self.assertEqual(statuses, ["scheduled", "cancelled"])

    @unittest.skipUnless(
        os.environ.get("ERRAND_STREAM_LIFETIME"), "the API's stream lifetime is unset"
    )
    def test_events_carries_on_when_the_api_closes_the_stream(self) -> None:
        # The API closes each stream after ERRAND_STREAM_LIFETIME seconds; the
        # job is cancelled well after that, on a stream opened again.
        lifetime = float(os.environ["ERRAND_STREAM_LIFETIME"])
        errand = client()
        accepted = errand.enqueue("system.noop", {}, delay=3600)
        later = threading.Timer(3 * lifetime, errand.cancel, [accepted["id"]])

        statuses: list[str] = []
        try:
            for view in errand.events(accepted["id"], timeout=30):
                statuses.append(view["status"])
                if len(statuses) == 1:
                    later.start()
        finally:
            later.cancel()

        # Each reconnection sent Last-Event-ID: no view came twice.
        self.assertEqual(statuses, ["scheduled", "cancelled"])

    def test_events_of_a_finished_job_yields_it_once(self) -> None:
        errand = client()
        done = errand.wait(errand.enqueue("system.noop", {})["id"], timeout=30)

        views = list(errand.events(done["id"]))

        self.assertEqual([view["status"] for view in views], ["succeeded"])

    def test_events_of_an_unknown_job_raises_job_not_found(self) -> None:
        with self.assertRaises(ErrandError) as missing:
            next(client().events("no-such-job"))

        self.assertEqual(missing.exception.code, "job.notFound")
        self.assertEqual(missing.exception.status, 404)


class CancelTest(unittest.TestCase):
    def test_cancel_stops_a_scheduled_job(self) -> None:
        errand = client()
        accepted = errand.enqueue("system.noop", {}, delay=3600)

        cancelled = errand.cancel(accepted["id"])

        self.assertEqual(cancelled["status"], "cancelled")
        self.assertEqual(errand.get(accepted["id"])["status"], "cancelled")

    def test_cancel_of_a_finished_job_raises_job_finished(self) -> None:
        errand = client()
        done = errand.wait(errand.enqueue("system.noop", {})["id"], timeout=30)

        with self.assertRaises(ErrandError) as finished:
            errand.cancel(done["id"])

        self.assertEqual(finished.exception.code, "job.finished")
        self.assertEqual(finished.exception.status, 409)


class RetryTest(unittest.TestCase):
    def test_retry_sends_a_dead_job_back_to_run_again(self) -> None:
        errand = client()
        accepted = errand.enqueue("system.fail", {"permanent": True})
        dead = errand.wait(accepted["id"], timeout=30)

        retried = errand.retry(accepted["id"])
        again = errand.wait(accepted["id"], timeout=30)

        self.assertEqual(dead["status"], "dead")
        self.assertEqual(retried["id"], accepted["id"])
        self.assertEqual(again["status"], "dead")
        events = [entry["event"] for entry in again.get("timeline", [])]
        self.assertIn("replayed", events)
        ran_again = events[events.index("replayed") :]
        self.assertIn("started", ran_again, again.get("timeline"))

    def test_retry_of_a_job_that_is_not_dead_raises_job_not_dead(self) -> None:
        errand = client()
        accepted = errand.enqueue("system.noop", {}, delay=3600)

        with self.assertRaises(ErrandError) as refused:
            errand.retry(accepted["id"])

        self.assertEqual(refused.exception.code, "job.notDead")
        self.assertEqual(refused.exception.status, 409)
        self.assertFalse(refused.exception.retryable)


if __name__ == "__main__":
    unittest.main()
