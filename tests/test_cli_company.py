"""`diandian company check`: exit 0 with the normalised code, or 2 naming what is wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "company", "check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_valid_code_is_printed_normalised() -> None:
    done = _run("91 110000 600037341l")
    assert (done.returncode, done.stdout, done.stderr) == (0, "91110000600037341L\n", "")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("12345", "5 characters; a code has exactly 18"),
        ("9111000060003IOZSV", "character 14 ('I') is not allowed"),
        ("91110000600037341N", "the check character (the 18th) is 'N'"),
    ],
)
def test_a_bad_code_exits_2_with_one_line(code: str, words: str) -> None:
    done = _run(code)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("diandian company: error: code: ")
    assert words in done.stderr and done.stderr.count("\n") == 1
