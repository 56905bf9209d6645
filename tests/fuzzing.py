"""Example counts for property tests: small in `make test`, 10,000 in `make fuzz`."""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable

from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "0"))


def fuzz_settings(default_examples: int = 150) -> settings:
    return settings(
        max_examples=FUZZ_EXAMPLES or default_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )


INPUTS_TRIED: Counter[str] = Counter()
"""Inputs each fuzz target ran on in this session; printed at the end (tests/conftest.py)."""


def counted(test: Callable[..., None]) -> Callable[..., None]:
    """Count every input the (innermost) test function is called with; put it under
    ``@given`` so each generated example is counted, shrinking and replays included."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        INPUTS_TRIED[test.__name__] += 1
        test(*args, **kwargs)

    return run
