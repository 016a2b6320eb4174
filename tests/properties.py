"""The hypothesis settings the property tests share: the same examples on every run (``derandomize``, no
example database), no deadline (CI machines are noisy), and a modest number of examples."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

PROPERTY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
