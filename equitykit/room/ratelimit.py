"""Token-bucket rate limits, kept in memory, one bucket per participant or per address."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Allow ``burst`` requests at once, refilled at ``per_second``; forget idle keys.

    Parameters
    ----------
    burst
        How many requests may come at once.
    per_second
        How fast the allowance comes back.
    max_keys
        Buckets kept at most (the least recently used are dropped first).
    clock
        Monotonic seconds; tests pass a fake one.
    """

    def __init__(
        self,
        burst: int,
        per_second: float,
        max_keys: int = 20_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def check(self, key: str) -> float:
        """Take one request from ``key``'s allowance.

        Returns
        -------
        float
            0 when allowed; otherwise the seconds to wait before the next request is allowed.
        """
        now = self.clock()
        bucket = self._buckets.pop(key, None)
        if bucket is None:
            bucket = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        self._buckets[key] = bucket
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.per_second

    def wait(self, key: str) -> float:
        """Return the seconds until ``key`` may make a request (0: now), taking nothing."""
        bucket = self._buckets.get(key)
        if bucket is None:
            return 0.0
        tokens = min(self.burst, bucket.tokens + (self.clock() - bucket.at) * self.per_second)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.per_second

    @staticmethod
    def retry_after(wait: float) -> str:
        """Format a ``Retry-After`` header value (whole seconds, at least 1)."""
        return str(max(1, math.ceil(wait)))
