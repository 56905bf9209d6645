"""Example counts for property tests: small in `make test`, 10,000 in `make fuzz`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "0"))


def fuzz_settings(default_examples: int = 150) -> settings:
    return settings(
        max_examples=FUZZ_EXAMPLES or default_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )
