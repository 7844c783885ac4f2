"""Property tests neither time their examples nor draw new ones each run (tests/conftest.py)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st


def test_the_fixed_profile_is_loaded() -> None:
    assert settings.default.deadline is None and settings.default.derandomize


@settings(max_examples=2)
@given(st.integers())
def test_a_slow_example_is_no_failure(number: int) -> None:
    # An example descheduled for longer than Hypothesis's default deadline (200 ms), as on a
    # loaded machine, failed the test with DeadlineExceeded or "Unreliable test timings".
    time.sleep(0.25)


drawn: list[list[int]] = []


def test_the_same_examples_every_run() -> None:
    @given(st.lists(st.integers(), min_size=3))
    def draw(numbers: list[int]) -> None:
        drawn[-1].append(sum(numbers))

    for _ in range(2):
        drawn.append([])
        draw()
    assert drawn[0] == drawn[1]
