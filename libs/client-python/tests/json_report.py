"""Runs the suite, or lists it, for the jest spec that reports each test.

    python3 json_report.py list   # the test ids, one JSON array
    python3 json_report.py run    # {test id: {"outcome": ..., "detail": ...}}

Both print JSON on stdout and nothing else; `run` exits 0 even when tests
fail, since the spec judges each outcome.
"""

from __future__ import annotations

import json
import sys
import traceback
import unittest
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

HERE = Path(__file__).resolve().parent

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType]
_OptExcInfo = _ExcInfo | tuple[None, None, None]


def _describe(err: _OptExcInfo) -> str:
    return "".join(traceback.format_exception(err[1])) if err[1] else ""


def _tests(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _tests(item)
        else:
            yield item


class _Recorder(unittest.TestResult):
    """Keeps one outcome per test id; the first failure of a test wins."""

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: dict[str, dict[str, str]] = {}

    def _record(self, test: unittest.TestCase, outcome: str, detail: str = "") -> None:
        if self.outcomes.get(test.id(), {}).get("outcome") in ("failed", "error"):
            return
        self.outcomes[test.id()] = {"outcome": outcome, "detail": detail}

    def addSuccess(self, test: unittest.TestCase) -> None:
        self._record(test, "passed")

    def addFailure(self, test: unittest.TestCase, err: _OptExcInfo) -> None:
        self._record(test, "failed", _describe(err))

    def addError(self, test: unittest.TestCase, err: _OptExcInfo) -> None:
        self._record(test, "error", _describe(err))

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        self._record(test, "skipped", reason)

    def addSubTest(
        self,
        test: unittest.TestCase,
        subtest: unittest.TestCase,
        err: _OptExcInfo | None,
    ) -> None:
        if err is not None and err[0] is not None:
            outcome = "failed" if issubclass(err[0], AssertionError) else "error"
            self._record(test, outcome, _describe(err))

    def addExpectedFailure(self, test: unittest.TestCase, err: Any) -> None:
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        self._record(test, "failed", "unexpected success")


def main(command: str) -> int:
    suite = unittest.defaultTestLoader.discover(str(HERE), top_level_dir=str(HERE))
    if command == "list":
        print(json.dumps([test.id() for test in _tests(suite)]))
        return 0
    recorder = _Recorder()
    suite.run(recorder)
    print(json.dumps(recorder.outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "run"))
