"""What OpenTelemetry costs per call (docs/telemetry.md): chat() and a streamed chat, against raw httpx.

    .venv/bin/python scripts/bench_telemetry.py          # the figures of docs/telemetry.md
    .venv/bin/python scripts/bench_telemetry.py --quick  # a tiny run (numbers not meaningful)

Four contenders, interleaved in rounds on scripts/bench.py's loopback server (its own process, canned bodies):
raw httpx, the client with ``telemetry=False``, with telemetry on and only ``opentelemetry-api`` (no SDK
configured: the global providers record nothing, the common case of a library's users), and with the SDK
configured (a tracer provider with a simple processor into an in-memory exporter, a meter provider with an
in-memory reader). The two "on" rows use the same client; each round points the package's instruments at the
global (no-op) providers or at the SDK's before it runs. Medians of the rounds, in µs per request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # the server, message and timing helpers of the main benchmark

CONTENDERS = ("raw httpx", "telemetry=False", "on, API only (no SDK)", "on, SDK + in-memory exporter")


def contenders(endpoint: str, stream: bool) -> list[tuple[Callable[[], object], Callable[[], object]]]:
    """The four contenders of one section: what to do before a sample, and the call (its result proves it read
    the answer)."""
    import azure_openai
    import httpx
    from azure_openai import _telemetry
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    settings: dict[str, Any] = {"endpoint": endpoint, "api_key": bench.API_KEY, "deployment": bench.DEPLOYMENT}
    settings["api_version"] = bench.API_VERSION
    off = azure_openai.AzureOpenAI(**settings, telemetry=False)
    on = azure_openai.AzureOpenAI(**settings)
    raw = httpx.Client(headers={"api-key": bench.API_KEY})
    url = f"{endpoint}/openai/deployments/{bench.DEPLOYMENT}/chat/completions?api-version={bench.API_VERSION}"
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    api_only, sdk = _telemetry.instruments(), _telemetry.instruments(tracer_provider, meter_provider)

    def call(client: azure_openai.AzureOpenAI) -> object:
        if stream:
            with client.chat_stream(bench.MESSAGES) as events:
                return events.final().text
        return client.chat(bench.MESSAGES).text

    def call_raw() -> object:
        if stream:
            with raw.stream("POST", url, json={"messages": bench.MESSAGES, "stream": True}) as response:
                return sum(1 for line in response.iter_lines() if line.startswith("data:"))
        return raw.post(url, json={"messages": bench.MESSAGES}).json()["choices"][0]["message"]["content"]

    def using(instruments: Any) -> Callable[[], object]:
        def prepare() -> None:
            _telemetry._otel = instruments
            exporter.clear()

        return prepare

    return [(exporter.clear, call_raw), (exporter.clear, lambda: call(off))] + [
        (using(instruments), lambda: call(on)) for instruments in (api_only, sdk)
    ]


def section(endpoint: str, stream: bool, requests: int, rounds: int) -> list[tuple[float, float]]:
    """The median wall and CPU (this process's) µs per request of each contender."""
    runs = contenders(endpoint, stream)
    for prepare, call in runs:  # warm up: connections, lazy imports, caches
        prepare()
        for _ in range(5):
            assert call()
    samples: list[list[tuple[float, float]]] = [[] for _ in runs]
    for r in range(rounds):
        for k in range(len(runs)):
            i = (r + k) % len(runs)
            prepare, call = runs[i]
            prepare()
            samples[i].append(bench.timed_calls(call, requests)())
    return [(statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) for s in samples]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tiny run (numbers not meaningful)")
    args = parser.parse_args()
    sizes = bench.QUICK if args.quick else bench.FULL
    server = bench.Server(sizes)
    try:
        chat = section(server.endpoint, False, sizes.seq_requests, sizes.seq_rounds)
        stream = section(server.endpoint, True, max(sizes.seq_requests // 4, 1), sizes.stream_rounds)
    finally:
        server.close()
    for title, rows in (("chat()", chat), (f"chat_stream() of {sizes.stream_events} events, read to the end", stream)):
        print(f"\n{title}: µs per request, medians of the rounds")
        print(f"{'contender':<32}{'wall':>9}{'x raw':>7}{'x off':>7}{'CPU':>9}{'x raw':>7}{'x off':>7}")
        for name, (wall, cpu) in zip(CONTENDERS, rows, strict=True):
            ratios = f"{wall / rows[0][0]:>7.2f}{wall / rows[1][0]:>7.2f}{cpu:>9.1f}{cpu / rows[0][1]:>7.2f}"
            print(f"{name:<32}{wall:>9.1f}{ratios}{cpu / rows[1][1]:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
