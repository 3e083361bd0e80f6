"""Faults the emulator can inject: one value type, ``Fault``, built by its named constructors.

A fault is queued with ``Emulator.inject(fault, times=n)`` and hits the next ``n`` requests that would
otherwise have succeeded (authenticated, routed, valid), in the order the faults were queued.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from typing import Literal

__all__ = ["Fault", "FaultKind"]

#: What a fault does to the request it hits.
FaultKind = Literal["error", "gateway_html", "content_filter", "delay", "reset", "cut_stream", "stall"]

#: The content-filter categories the service reports with a severity.
SEVERITY_CATEGORIES = ("hate", "self_harm", "sexual", "violence")


@dataclasses.dataclass(frozen=True)
class Fault:
    """One failure to inject into a response; build it with a named constructor, e.g. ``Fault.rate_limit()``."""

    kind: FaultKind
    status: int = 200
    code: str | None = None
    message: str | None = None
    retry_after: float | None = None
    retry_after_ms: int | None = None
    seconds: float = 0.0
    after_events: int = 0
    categories: tuple[str, ...] = ()
    severity: str = "high"
    on: Literal["prompt", "completion"] = "prompt"

    @classmethod
    def error(
        cls,
        status: int = 500,
        *,
        code: str | None = None,
        message: str | None = None,
        retry_after: float | None = None,
        retry_after_ms: int | None = None,
    ) -> Fault:
        """An error status (429, 500, 502, 503, ...) with a JSON body in the service's error shape."""
        if not 400 <= status <= 599:
            raise ValueError(f"an error fault needs a 4xx or 5xx status, not {status}")
        return cls(
            "error", status=status, code=code, message=message, retry_after=retry_after, retry_after_ms=retry_after_ms
        )

    @classmethod
    def rate_limit(cls, *, retry_after: float | None = None, retry_after_ms: int | None = None) -> Fault:
        """A 429 with ``Retry-After`` (seconds) and/or ``retry-after-ms`` headers, exactly the ones given."""
        return cls.error(429, retry_after=retry_after, retry_after_ms=retry_after_ms)

    @classmethod
    def gateway_html(cls, status: int = 502) -> Fault:
        """An HTML error page from the gateway in front of the service (not JSON)."""
        return cls("gateway_html", status=status)

    @classmethod
    def content_filter(
        cls,
        categories: Iterable[str] = ("hate",),
        *,
        severity: str = "high",
        on: Literal["prompt", "completion"] = "prompt",
    ) -> Fault:
        """The content filter: a 400 for the prompt (live error shape), or a filtered answer (``on="completion"``)."""
        chosen = tuple(categories)
        unknown = set(chosen) - set(SEVERITY_CATEGORIES)
        if unknown:
            raise ValueError(f"unknown content-filter categories {sorted(unknown)}; use {SEVERITY_CATEGORIES}")
        return cls("content_filter", status=400 if on == "prompt" else 200, categories=chosen, severity=severity, on=on)

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Wait ``seconds`` before the first byte of the response, then answer normally."""
        return cls("delay", seconds=seconds)

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then reset the connection (TCP RST) without answering."""
        return cls("reset")

    @classmethod
    def cut_stream(cls, after_events: int = 2) -> Fault:
        """Close the connection after ``after_events`` events: no finish_reason, no ``[DONE]``, an incomplete body."""
        return cls("cut_stream", after_events=after_events)

    @classmethod
    def stall(cls, seconds: float, after_events: int = 1) -> Fault:
        """Pause ``seconds`` after ``after_events`` stream events (after the headers for a non-streamed answer)."""
        return cls("stall", seconds=seconds, after_events=after_events)


@dataclasses.dataclass
class _Entry:
    fault: Fault
    remaining: int
    operation: str | None


class FaultQueue:
    """Thread-safe queue of faults, each with a remaining count and an optional operation filter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[_Entry] = []

    def add(self, fault: Fault, times: int, operation: str | None) -> None:
        """Queue ``fault`` for the next ``times`` matching requests."""
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._entries.append(_Entry(fault, times, operation))

    def take(self, operation: str) -> Fault | None:
        """The fault for a request to ``operation``, if one is queued (and count it as used)."""
        with self._lock:
            for entry in self._entries:
                if entry.operation is not None and entry.operation != operation:
                    continue
                entry.remaining -= 1
                if entry.remaining == 0:
                    self._entries.remove(entry)
                return entry.fault
        return None

    def pending(self) -> int:
        """How many fault hits are still queued."""
        with self._lock:
            return sum(entry.remaining for entry in self._entries)

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._entries.clear()
