"""Latency like the service's: time to first token, a per-token pace, a per-request time for embeddings.

Off by default (every mean 0), so tests across the project stay fast. Each wait is drawn from a normal
distribution around its mean with a standard deviation of ``spread`` times the mean, clipped at 0; with a
``seed`` the draws, hence a run's timings, repeat exactly.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import random
import threading
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_MEAN_MS", "MAX_SPREAD", "Draws", "Latency", "Pacer"]

#: The largest mean wait (ten minutes, in ms) and relative spread a ``Latency`` accepts.
MAX_MEAN_MS = 600_000.0
MAX_SPREAD = 10.0


@dataclasses.dataclass(frozen=True)
class Latency:
    """Mean waits in milliseconds (0: none) and their relative ``spread`` (0.2: standard deviation 20% of the mean).

    ``first_token_ms`` before the first token of a chat or completion answer, then ``per_token_ms`` per token
    (a streamed answer's content events are paced by the tokens each holds; a whole answer comes after the same
    total);
    ``embeddings_ms`` per embeddings request.
    """

    first_token_ms: float = 0.0
    per_token_ms: float = 0.0
    embeddings_ms: float = 0.0
    spread: float = 0.0

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            # A bound, not only >= 0: inf, nan or 1e300 ms would be accepted and then fail every request.
            highest = MAX_SPREAD if field.name == "spread" else MAX_MEAN_MS
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= highest:
                from .._errors import ConfigurationError

                raise ConfigurationError(f"latency {field.name} must be a number from 0 to {highest:g}, got {value!r}")

    @property
    def off(self) -> bool:
        """No wait at all (the default)."""
        return not (self.first_token_ms or self.per_token_ms or self.embeddings_ms)

    def updated(self, changes: Mapping[str, Any]) -> Latency:
        """A copy with ``changes`` applied (unknown names are a ``ConfigurationError`` naming the known ones)."""
        names = {field.name for field in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            from .._errors import ConfigurationError

            raise ConfigurationError(f"unknown latency setting(s) {unknown}; use {sorted(names)}")
        return dataclasses.replace(self, **changes)


class Draws:
    """One request's waits: its own generator, so concurrent requests cannot take each other's draws."""

    def __init__(self, generator: random.Random) -> None:
        self._random = generator

    def draw(self, mean_ms: float, spread: float) -> float:
        """One wait in seconds around ``mean_ms``."""
        if mean_ms <= 0:
            return 0.0
        if spread <= 0:
            return mean_ms / 1000
        return max(self._random.gauss(mean_ms, mean_ms * spread), 0.0) / 1000


class Pacer:
    """Hands each request its ``Draws``, reproducible with a seed whatever order concurrent requests arrive in.

    With a seed, a request's generator is seeded from the seed, the request's key (its deployment and body)
    and how many times that key was seen before: the third identical request of a run always waits the same,
    however the requests around it interleave. Thread-safe.
    """

    def __init__(self, seed: int | None = None) -> None:
        self._seed = seed
        self._seen: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()

    def reseed(self, seed: int | None) -> None:
        """Start the draws again from ``seed``."""
        with self._lock:
            self._seed = seed
            self._seen.clear()

    def request(self, key: str) -> Draws:
        """The ``Draws`` of the next request with ``key`` (e.g. a digest of its deployment and body)."""
        with self._lock:
            if self._seed is None:
                return Draws(random.Random())
            occurrence = self._seen[key]
            self._seen[key] += 1
            material = f"{self._seed}\n{key}\n{occurrence}".encode()
        return Draws(random.Random(int.from_bytes(hashlib.sha256(material).digest()[:8], "big")))
