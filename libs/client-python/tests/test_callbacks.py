import hashlib
import hmac
import unittest

from errand_client import verify_callback_signature

SECRET = "cbsec_0123456789abcdef"
NOW = 1_800_000_000
BODY = b'{"event":"job.ended","jobId":"j","status":"succeeded"}'


def signed(body: bytes, t: int = NOW, secret: str = SECRET) -> str:
    """The header Errand's webhook.deliver handler sends."""
    digest = hmac.new(
        secret.encode(), f"{t}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"t={t},v1={digest}"


class VerifyCallbackSignatureTest(unittest.TestCase):
    def test_the_body_errand_signed_is_accepted_as_bytes_or_text(self) -> None:
        self.assertTrue(verify_callback_signature(BODY, signed(BODY), SECRET, now=NOW))
        self.assertTrue(
            verify_callback_signature(BODY.decode(), signed(BODY), SECRET, now=NOW)
        )

    def test_a_delivery_that_is_not_genuine_is_refused(self) -> None:
        cases: list[tuple[str, bytes, str | None]] = [
            ("a changed body", BODY.replace(b"succeeded", b"dead"), signed(BODY)),
            ("another secret", BODY, signed(BODY, secret="another_secret_0123")),
            ("no header", BODY, None),
            ("a malformed header", BODY, "v1=abc"),
            ("a stale timestamp", BODY, signed(BODY, NOW - 301)),
            ("a future timestamp", BODY, signed(BODY, NOW + 301)),
        ]
        for name, body, header in cases:
            with self.subTest(name):
                self.assertFalse(
                    verify_callback_signature(body, header, SECRET, now=NOW)
                )

    def test_a_wider_tolerance_is_taken_when_given(self) -> None:
        header = signed(BODY, NOW - 600)

        self.assertTrue(
            verify_callback_signature(
                BODY, header, SECRET, tolerance_seconds=900, now=NOW
            )
        )


if __name__ == "__main__":
    unittest.main()
