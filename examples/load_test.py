"""Load-test against the emulator: a few hundred requests in flight, a quota, latency, and nothing lost.

Drives ``AsyncAzureOpenAI`` (the package's async client, with its retry policy) against an in-process
``Emulator`` whose deployment has a quota (tokens and requests per minute, like Azure assigns) and a
service-like latency, then reports throughput, the 429s the emulator answered, how many of them the client
retried, and that every request got its answer::

    python examples/load_test.py                                   # 600 requests, 300 in flight
    python examples/load_test.py --requests 2000 --concurrency 400 --tpm 120000 --first-token-ms 300

The quota window is shortened (``--quota-window 10``: the same per-minute rates, counted over 10 seconds)
so that a throttled run recovers in seconds, not minutes. Bounded: ``--requests`` in all, and ``--deadline``
seconds at most; exit status 0 only when no request was lost (each one answered, none failed or unfinished).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from azure_openai import AsyncAzureOpenAI
from azure_openai.testing import Emulator, Latency


@dataclasses.dataclass
class Report:
    """What a run did: counts, the throttling seen, and the timings."""

    requests: int
    answered: int = 0
    failed: int = 0
    unfinished: int = 0
    throttled: int = 0  # 429s the emulator answered
    retried: int = 0  # of those, the ones the client sent again (not a request's last attempt)
    seconds: float = 0.0
    latencies: list[float] = dataclasses.field(default_factory=list)
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def lost(self) -> int:
        """Requests that did not get their answer (failed, or still running at the deadline)."""
        return self.requests - self.answered

    def lines(self) -> list[str]:
        """The report, one fact per line."""
        throughput = self.answered / self.seconds if self.seconds else 0.0
        ordered = sorted(self.latencies) or [0.0]
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        return [
            f"requests:   {self.requests} "
            f"({self.answered} answered, {self.failed} failed, {self.unfinished} unfinished)",
            f"throughput: {throughput:.1f} answers/s over {self.seconds:.1f} s",
            f"throttling: {self.throttled} 429s from the emulator, {self.retried} retried by the client",
            f"latency:    median {statistics.median(ordered):.3f} s, p95 {p95:.3f} s (retries included)",
            f"lost:       {self.lost}" + (f" (first error: {self.errors[0]})" if self.errors else ""),
        ]


async def run(
    *,
    requests: int = 600,
    concurrency: int = 300,
    tpm: int = 300_000,
    rpm: int | None = None,
    quota_window: float = 10.0,
    latency: Latency | None = None,
    seed: int | None = 1,
    max_retries: int = 20,
    deadline: float = 120.0,
    clock: Callable[[], float] = time.monotonic,
) -> Report:
    """Send ``requests`` chat requests, ``concurrency`` at a time, and report what happened.

    ``clock`` is the emulator's (its quota window's) clock: a test passes one it moves by hand.
    """
    report = Report(requests)
    deployment = {"model": "gpt-4o", "tpm": tpm, **({"rpm": rpm} if rpm is not None else {})}
    latency = latency if latency is not None else Latency(first_token_ms=200, per_token_ms=5, spread=0.3)
    emulator = Emulator(
        deployments={"load": deployment}, latency=latency, seed=seed, quota_window=quota_window, clock=clock
    )
    gate = asyncio.Semaphore(concurrency)

    async def one(client: AsyncAzureOpenAI, index: int) -> None:
        async with gate:
            started = time.monotonic()
            try:
                result = await client.chat(f"load test request {index}", max_tokens=20)
            except Exception as exc:  # any failure is counted, so answered + failed + unfinished = requests
                report.failed += 1
                report.errors.append(f"{type(exc).__name__}: {exc}")
                return
            text = result.text or ""
            if not text.startswith("[emulator]"):
                report.failed += 1
                report.errors.append(f"request {index}: unexpected answer {text[:60]!r}")
                return
            report.answered += 1
            report.latencies.append(time.monotonic() - started)

    async with emulator:
        client = AsyncAzureOpenAI(
            endpoint=emulator.endpoint,
            api_key=emulator.api_key,
            deployment="load",
            max_retries=max_retries,
            max_retry_wait=quota_window + 1,
        )
        async with client:
            started = time.monotonic()
            tasks = [asyncio.create_task(one(client, index)) for index in range(requests)]
            _, pending = await asyncio.wait(tasks, timeout=deadline)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            report.seconds = time.monotonic() - started
            report.unfinished = len(pending)
        # Each request's attempts, in order (its text names it): a 429 was retried when another attempt followed;
        # the last attempt of a request that failed or was cancelled at the deadline was not.
        attempts: dict[str, list[int]] = collections.defaultdict(list)
        for record in emulator.requests:
            attempts[json.dumps((record.json or {}).get("messages"))].append(record.status)
        report.throttled = sum(statuses.count(429) for statuses in attempts.values())
        report.retried = sum(statuses[:-1].count(429) for statuses in attempts.values())
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run, print the report; 0 when no request was lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=600, help="requests in all (default 600)")
    parser.add_argument("--concurrency", type=int, default=300, help="requests in flight at most (default 300)")
    parser.add_argument("--tpm", type=int, default=300_000, help="the deployment's tokens per minute (default 300000)")
    parser.add_argument("--rpm", type=int, default=None, help="requests per minute (default: 6 per 1,000 tpm)")
    parser.add_argument("--quota-window", type=float, default=10.0, help="seconds quotas are counted over (10)")
    parser.add_argument("--first-token-ms", type=float, default=200.0, help="mean time to first token (200)")
    parser.add_argument("--per-token-ms", type=float, default=5.0, help="mean time per token (5)")
    parser.add_argument("--spread", type=float, default=0.3, help="latency spread, share of the mean (0.3)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the latency draws (1)")
    parser.add_argument("--max-retries", type=int, default=20, help="client retries per request (20)")
    parser.add_argument("--deadline", type=float, default=120.0, help="seconds before giving up (120)")
    args = parser.parse_args(argv)
    if not (0 < args.requests <= 100_000 and 0 < args.concurrency <= 2_000):
        parser.error("--requests must be 1..100000 and --concurrency 1..2000 (the run is meant to stay bounded)")
    latency = Latency(first_token_ms=args.first_token_ms, per_token_ms=args.per_token_ms, spread=args.spread)
    report = asyncio.run(
        run(
            requests=args.requests,
            concurrency=args.concurrency,
            tpm=args.tpm,
            rpm=args.rpm,
            quota_window=args.quota_window,
            latency=latency,
            seed=args.seed,
            max_retries=args.max_retries,
            deadline=args.deadline,
        )
    )
    print("\n".join(report.lines()))
    return 0 if report.lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
