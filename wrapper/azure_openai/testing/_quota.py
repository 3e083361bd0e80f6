"""Per-deployment quotas counted like the service: tokens and requests per minute over a sliding window.

The service admits a request by the tokens it *may* use, estimated when it arrives (prompt tokens plus
``max_tokens``; the emulator, which knows its answer, uses the answer's length when ``max_tokens`` is not
given), and refuses with a 429 once the window would hold more than the deployment's budget. Each admitted
request stays in the window for ``window`` seconds; the wait it is told (``retry-after-ms``) is the moment
enough of the oldest ones leave. Pure and clock-driven (``now`` is passed in) so tests need no sleeping.
"""

from __future__ import annotations

import dataclasses
import heapq
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
    its length, which compresses time for a load test. The scaled budgets are kept exact: 100 RPM over a 1 s
    window is 1.67 requests, so the window holds one request at a time and each stays counted 0.6 s (not 1 s),
    which is 100 a minute. Likewise a request costing more tokens than the window's share (its cost is clamped
    to ``tpm``) is admitted into an empty window and stays counted for as many windows as its cost fills, so
    the rate over a minute stays ``tpm``. The remaining budgets are reported per minute (the window's remainder
    times ``60 / window``), the unit the limits are set in. Not thread-safe: the emulator calls it under its lock.
    """

    def __init__(self, tpm: int, rpm: int, *, enforced: bool = True, window: float = 60.0) -> None:
        self.tpm, self.rpm, self.enforced, self.window = tpm, rpm, enforced, window
        # Heaps, soonest to leave first: an unenforced (report-only) window may hold many thousands of requests.
        self._calls: list[float] = []  # when each counted request leaves the window
        self._spent: list[tuple[float, int]] = []  # (when its tokens leave, tokens)
        self._tokens = 0  # the sum of _spent's tokens

    def _budgets(self) -> tuple[float, float]:
        scale = self.window / 60.0
        return self.rpm * scale, self.tpm * scale

    def _expire(self, now: float) -> None:
        now += 1e-9  # a request leaving exactly now has left, whatever the floating-point rounding of its time
        while self._calls and self._calls[0] <= now:
            heapq.heappop(self._calls)
        while self._spent and self._spent[0][0] <= now:
            self._tokens -= heapq.heappop(self._spent)[1]

    def peek(self, now: float) -> tuple[int, int]:
        """(requests, tokens) per minute left in the window at ``now``, spending nothing."""
        self._expire(now)
        requests, tokens = self._budgets()
        per_minute = 60.0 / self.window
        return (
            max(math.floor((requests - len(self._calls)) * per_minute + 1e-6), 0),
            max(math.floor((tokens - self._tokens) * per_minute + 1e-6), 0),
        )

    def admit(self, cost: int, now: float) -> Admission:
        """Count one request costing ``cost`` tokens, or refuse it (when enforced) with the wait until it fits."""
        self._expire(now)
        request_budget, token_budget = self._budgets()
        whole_requests = max(1, math.floor(request_budget + 1e-9))  # the requests the window holds at once
        cost = min(max(cost, 0), self.tpm)  # no request costs more than a whole minute's tokens
        if self.enforced:
            waits: list[tuple[float, str]] = []
            leaving = len(self._calls) + 1 - whole_requests  # how many counted requests must leave first
            if leaving > 0:
                waits.append((heapq.nsmallest(leaving, self._calls)[-1] - now, "call"))
            excess = self._tokens + cost - token_budget
            if excess > 1e-9 and self._spent:  # an empty window admits any one request
                ordered = sorted(self._spent)
                for index, (leaves, spent) in enumerate(ordered):
                    excess -= spent
                    if excess <= 1e-9 or index == len(ordered) - 1:
                        waits.append((leaves - now, "token"))
                        break
            if waits:
                wait, exceeded = max(waits)
                left_requests, left_tokens = self.peek(now)
                return Admission(False, left_requests, left_tokens, max(wait, 0.001), exceeded)
        # Each request holds its place for the time that keeps the rate exact (see the class docstring).
        heapq.heappush(self._calls, now + 60.0 * whole_requests / self.rpm)  # the window when it holds whole ones
        heapq.heappush(self._spent, (now + max(self.window, 60.0 * cost / self.tpm), cost))
        self._tokens += cost
        left_requests, left_tokens = self.peek(now)
        return Admission(True, left_requests, left_tokens)
