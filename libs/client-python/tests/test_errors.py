import socket
import unittest
from datetime import datetime
from typing import Any, cast

from errand_client import (
    Errand,
    ErrandConnectionError,
    ErrandError,
    ErrandUnavailableError,
)
from support import client, setting


class ProblemTest(unittest.TestCase):
    def test_a_payload_that_breaks_the_contract_raises_with_field_errors(self) -> None:
        payload = cast(Any, {"to": "not-an-email", "subject": "Hi"})

        with self.assertRaises(ErrandError) as invalid:
            client().enqueue("email.send", payload)

        error = invalid.exception
        self.assertNotIsInstance(error, ErrandUnavailableError)
        self.assertEqual(error.code, "contract.invalidPayload")
        self.assertEqual(error.status, 400)
        self.assertEqual([issue["path"] for issue in error.errors], ["/payload/to"])
        self.assertFalse(error.retryable)
        self.assertEqual(cast(dict[str, Any], error.problem)["status"], 400)
        self.assertIn("contract.invalidPayload (400)", str(error))

    def test_a_bad_batch_job_fails_the_batch_with_its_index(self) -> None:
        jobs = cast(
            Any,
            [
                {"type": "system.noop", "payload": {}},
                {"type": "email.send", "payload": {"to": "nope", "subject": "Hi"}},
            ],
        )

        with self.assertRaises(ErrandError) as invalid:
            client().enqueue_batch(jobs)

        self.assertEqual(invalid.exception.status, 400)
        paths = [issue["path"] for issue in invalid.exception.errors]
        self.assertEqual(paths, ["/jobs/1/payload/to"])

    def test_an_option_out_of_range_raises_with_its_field(self) -> None:
        with self.assertRaises(ErrandError) as invalid:
            client().enqueue("system.noop", {}, retries=99)

        self.assertEqual(invalid.exception.code, "contract.invalidRequest")
        paths = [issue["path"] for issue in invalid.exception.errors]
        self.assertEqual(paths, ["/retries"])

    def test_an_unknown_job_id_raises_job_not_found(self) -> None:
        with self.assertRaises(ErrandError) as missing:
            client().get("no-such-job")

        self.assertEqual(missing.exception.code, "job.notFound")
        self.assertEqual(missing.exception.status, 404)

    def test_a_wrong_api_key_raises_unauthenticated(self) -> None:
        errand = Errand(setting("ERRAND_URL"), "errand_not-a-key")

        with self.assertRaises(ErrandError) as refused:
            errand.get("no-such-job")

        self.assertEqual(refused.exception.code, "auth.unauthenticated")
        self.assertEqual(refused.exception.status, 401)


class UnavailableTest(unittest.TestCase):
    def test_an_api_without_redis_raises_the_retryable_unavailable_error(self) -> None:
        errand = Errand(setting("ERRAND_UNAVAILABLE_URL"), setting("ERRAND_API_KEY"))

        with self.assertRaises(ErrandUnavailableError) as unavailable:
            errand.enqueue("system.noop", {})

        error = unavailable.exception
        self.assertEqual(error.code, "queue.unavailable")
        self.assertEqual(error.status, 503)
        self.assertTrue(error.retryable)
        self.assertEqual(error.retry_after, 1.0)

    def test_no_api_at_the_url_raises_the_retryable_connection_error(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        # Nothing listens there now.
        errand = Errand(f"http://127.0.0.1:{port}")

        with self.assertRaises(ErrandConnectionError) as unreachable:
            errand.get("any")

        self.assertEqual(unreachable.exception.code, "client.network")
        self.assertIsNone(unreachable.exception.status)
        self.assertTrue(unreachable.exception.retryable)


class OptionsTest(unittest.TestCase):
    def test_refuses_a_base_url_that_is_not_http(self) -> None:
        for url in ("not a url", "ftp://127.0.0.1", "/relative"):
            with self.subTest(url=url), self.assertRaisesRegex(ValueError, "http"):
                Errand(url)

    def test_refuses_a_base_url_with_a_secret_without_repeating_it(self) -> None:
        for url in ("http://127.0.0.1/?key=s3cret", "http://me:s3cret@127.0.0.1"):
            with self.subTest(url=url), self.assertRaises(ValueError) as refused:
                Errand(url)
            self.assertNotIn("s3cret", str(refused.exception))

    def test_refuses_a_timeout_that_is_not_positive(self) -> None:
        with self.assertRaisesRegex(ValueError, "timeout must be positive"):
            Errand("http://127.0.0.1", timeout=0)

    def test_refuses_a_run_at_without_a_time_zone(self) -> None:
        with self.assertRaisesRegex(ValueError, "timezone-aware"):
            client().enqueue("system.noop", {}, run_at=datetime(2030, 1, 1))

    def test_never_shows_the_api_key(self) -> None:
        errand = Errand("http://127.0.0.1:8000/errand/", "errand_s3cret")

        self.assertEqual(repr(errand), "Errand('http://127.0.0.1:8000/errand')")


if __name__ == "__main__":
    unittest.main()
