import unittest

from errand_client import FINISHED_STATUSES, ErrandError
from errand_client.job_types import EmailSendPayload
from support import client, unique

WELCOME: EmailSendPayload = {
    "to": "ada@example.com",
    "subject": "Welcome!",
    "text": "Hello.",
}


class EnqueueTest(unittest.TestCase):
    def test_enqueue_then_wait_returns_the_succeeded_job_with_its_result(self) -> None:
        errand = client()

        accepted = errand.enqueue("email.send", WELCOME, retries=2, priority=5)
        job = errand.wait(accepted["id"], timeout=30)

        self.assertEqual(accepted["type"], "email.send")
        self.assertEqual(accepted["status"], "queued")
        self.assertEqual(job["id"], accepted["id"])
        self.assertEqual(job["status"], "succeeded")
        self.assertEqual(job["payload"]["subject"], "Welcome!")
        self.assertEqual(job["attempts"], {"made": 1, "allowed": 3})
        self.assertEqual(job["priority"], 5)
        self.assertIsInstance(job["result"]["messageId"], str)

    def test_get_reads_a_job_back_as_enqueued(self) -> None:
        errand = client()

        accepted = errand.enqueue("system.noop", {}, delay=3600)
        job = errand.get(accepted["id"])

        self.assertEqual(job["id"], accepted["id"])
        self.assertEqual(job["status"], "scheduled")
        self.assertEqual(job["payload"], {})
        self.assertIsNotNone(job["runAt"])

    def test_enqueue_batch_stores_every_job_and_answers_them_in_order(self) -> None:
        errand = client()

        batch = errand.enqueue_batch(
            [
                {"type": "system.noop", "payload": {}},
                {"type": "email.send", "payload": WELCOME, "retries": 1},
            ]
        )
        finished = [errand.wait(job["id"], timeout=30) for job in batch["jobs"]]

        self.assertEqual(
            [(job["type"], job["status"]) for job in batch["jobs"]],
            [("system.noop", "queued"), ("email.send", "queued")],
        )
        self.assertEqual([job["status"] for job in finished], ["succeeded"] * 2)
        self.assertEqual(finished[1]["attempts"]["allowed"], 2)

    def test_an_idempotency_key_makes_a_repeat_answer_the_first_job(self) -> None:
        errand = client()
        key = unique("signup")

        first = errand.enqueue("system.noop", {}, idempotency_key=key)
        repeat = errand.enqueue("system.noop", {}, idempotency_key=key)
        with self.assertRaises(ErrandError) as conflict:
            errand.enqueue("system.noop", {}, priority=3, idempotency_key=key)

        # The same job, as it stands now: the worker may have run it since.
        self.assertEqual(repeat["id"], first["id"])
        self.assertEqual(conflict.exception.code, "request.idempotencyConflict")
        self.assertEqual(conflict.exception.status, 409)

    def test_wait_runs_out_of_time_on_a_job_that_does_not_finish(self) -> None:
        errand = client()
        accepted = errand.enqueue("system.noop", {}, delay=3600)

        with self.assertRaises(ErrandError) as waited:
            errand.wait(accepted["id"], timeout=0.5)

        self.assertEqual(waited.exception.code, "client.timeout")
        self.assertTrue(waited.exception.retryable)
        self.assertNotIn(errand.get(accepted["id"])["status"], FINISHED_STATUSES)


if __name__ == "__main__":
    unittest.main()
