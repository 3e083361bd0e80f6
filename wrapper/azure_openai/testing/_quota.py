"""Per-deployment quotas counted like the service: tokens and requests per minute over a sliding window.

The service admits a request by the tokens it *may* use, estimated when it arrives (prompt tokens plus
``max_tokens``; the emulator, which knows its answer, uses the answer's length when ``max_tokens`` is not
given), and refuses with a 429 once the window would hold more than the deployment's budget. Each admitted
request stays in the window for ``window`` seconds; the wait it is told (``retry-after-ms``) is the moment
enough of the oldest ones leave. Pure and clock-driven (``now`` is passed in) so tests need no sleeping.
"""

from __future__ import annotations

import collections
import dataclasses
import math

__all__ = ["Admission", "Quota", "default_rpm"]


def default_rpm(tpm: int) -> int:
    """Azure assigns 6 requests per minute per 1,000 tokens per minute."""
    return max(1, tpm * 6 // 1000)


@dataclasses.dataclass(frozen=True)
class Admission:
    """A quota decision: admitted or not, what remains of the window, and how long to wait when refused."""

    admitted: bool
    remaining_requests: int
    remaining_tokens: int
    retry_after: float = 0.0
    exceeded: str = ""  # "token" or "call" (the service's words) when refused


class Quota:
    """A sliding-window budget of ``tpm`` tokens and ``rpm`` requests per minute (``enforced`` False: report only).

    ``window`` is the window's length in seconds (60: per minute); a shorter one holds the same rates scaled to
    its length, which compresses time for a load test. Not thread-safe: the emulator calls it under its lock.
    """

    def __init__(self, tpm: int, rpm: int, *, enforced: bool = True, window: float = 60.0) -> None:
        self.tpm, self.rpm, self.enforced, self.window = tpm, rpm, enforced, window
        self._log: collections.deque[tuple[float, int]] = collections.deque()
        self._tokens = 0

    def _budgets(self) -> tuple[int, int]:
        scale = self.window / 60.0
        return max(1, math.floor(self.rpm * scale)), max(1, math.floor(self.tpm * scale))

    def _expire(self, now: float) -> None:
        while self._log and self._log[0][0] <= now - self.window:
            self._tokens -= self._log.popleft()[1]

    def peek(self, now: float) -> tuple[int, int]:
        """(requests, tokens) left in the window at ``now``, spending nothing."""
        self._expire(now)
        requests, tokens = self._budgets()
        return max(requests - len(self._log), 0), max(tokens - self._tokens, 0)

    def admit(self, cost: int, now: float) -> Admission:
        """Count one request costing ``cost`` tokens, or refuse it (when enforced) with the wait until it fits."""
        self._expire(now)
        request_budget, token_budget = self._budgets()
        cost = min(max(cost, 0), token_budget)  # a request larger than the whole budget fits an empty window
        if self.enforced:
            waits: list[tuple[float, str]] = []
            leaving = len(self._log) + 1 - request_budget  # how many of the oldest requests must leave first
            if leaving > 0:
                waits.append((self._log[leaving - 1][0] + self.window - now, "call"))
            excess = self._tokens + cost - token_budget
            if excess > 0:
                for stamp, spent in self._log:
                    excess -= spent
                    if excess <= 0:
                        waits.append((stamp + self.window - now, "token"))
                        break
            if waits:
                wait, exceeded = max(waits)
                left_requests, left_tokens = self.peek(now)
                return Admission(False, left_requests, left_tokens, max(wait, 0.001), exceeded)
        self._log.append((now, cost))
        self._tokens += cost
        left_requests, left_tokens = self.peek(now)
        return Admission(True, left_requests, left_tokens)
