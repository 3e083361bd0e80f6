"""Routing across backends: which backend each attempt of a request goes to, and the request re-aimed at it
(its URL on that backend's endpoint and deployment; its credential is put on by that backend's ``AzureAuth``).

A client with one endpoint is the one-backend case. Choice and failover rules: docs/routing.md.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import quote

import httpx

from .._errors import ConfigurationError
from .auth import AzureAuth

#: Seconds a backend that could not be reached (refused, reset, timed out) is set aside for.
COOL_DOWN = 5.0

_DEPLOYMENT = re.compile(rb"deployments/([^/?]*)")


class Target(Protocol):
    """What the router reads of a backend (``azure_openai.Backend``)."""

    endpoint: str
    deployment: str | None
    priority: int
    auth: AzureAuth


class Route:
    """One backend as the router sees it: its URL parts, credential, and until when it is set aside."""

    __slots__ = ("auth", "backend", "deployment", "netloc", "origin", "prefix", "priority", "scheme", "until")

    def __init__(self, backend: Target) -> None:
        base = httpx.URL(backend.endpoint + "/openai/")
        self.backend = backend
        self.auth = backend.auth
        self.auth.bind(base)
        self.scheme, self.netloc, self.prefix = base.scheme, base.netloc, base.raw_path
        self.origin = (base.scheme, base.host, base.port)
        # As the client quotes it into a URL (``deployment_path``), to compare and substitute raw paths.
        self.deployment = None if backend.deployment is None else quote(backend.deployment, safe="").encode()
        self.priority = backend.priority
        #: The router's clock time before which the backend is set aside (throttled or unreachable); a float
        #: assignment, atomic under the GIL, so threads share it without a lock.
        self.until = 0.0

    def __str__(self) -> str:
        """Host and deployment, for logs (never the credential)."""
        return f"{self.origin[1]} ({self.backend.deployment})"


def _levels(routes: Sequence[Route]) -> list[list[Route]]:
    """``routes`` grouped by priority, best (lowest number) first."""
    ordered = sorted(routes, key=lambda r: r.priority)
    return [list(level) for _, level in itertools.groupby(ordered, key=lambda r: r.priority)]


class Router:
    """The backends of one client; requests addressed to the first one's base URL are spread across them."""

    def __init__(self, backends: Sequence[Target]) -> None:
        self.routes = [Route(b) for b in backends]
        self.home = self.routes[0]
        everyone = _levels(self.routes)
        # The request's deployment decides the candidates: the first backend's (the client's default) goes to all
        # backends, each with its own deployment; another one only to the backends that have that deployment.
        # With one backend, as with an endpoint, a call's deployment= goes to it as is.
        self._by_deployment = {
            r.deployment: _levels([s for s in self.routes if s.deployment == r.deployment]) for r in self.routes
        }
        self._by_deployment[self.home.deployment] = everyone
        self._everyone = everyone
        self._routed = len(self.routes) > 1
        self.clock = time.monotonic  # what ``until`` is measured on (tests move a clock of their own)
        self._turn = itertools.count()  # round robin among equals: next() is atomic under the GIL

    def levels(self, url: httpx.URL) -> list[list[Route]] | None:
        """The candidate routes of a request to ``url`` by priority; ``None`` for one to another origin (not routed:
        neither re-aimed nor signed)."""
        home = self.home
        if (url.scheme, url.host, url.port) != home.origin:
            return None
        if not self._routed:
            return self._everyone
        path = url.raw_path
        found = _DEPLOYMENT.match(path, len(home.prefix)) if path.startswith(home.prefix) else None
        if found is None:
            return self._everyone
        levels = self._by_deployment.get(found.group(1))
        if levels is None:
            have = sorted({str(r.backend.deployment) for r in self.routes})
            raise ConfigurationError(
                f"no backend has the deployment {found.group(1).decode()!r} (they have {', '.join(have)}): leave "
                "deployment= out to route to the backends, or add a Backend with that deployment"
            )
        return levels

    def pick(self, levels: list[list[Route]], besides: Route | None = None) -> Route | None:
        """An available route of the best priority (round robin among equals, ``besides`` left out), else ``None``."""
        now = self.clock()
        for level in levels:
            free = [r for r in level if r.until <= now and r is not besides]
            if free:
                return free[0] if len(free) == 1 else free[next(self._turn) % len(free)]
        return None

    def choose(self, levels: list[list[Route]]) -> Route:
        """An available route (``pick``), else the one available again first: a first send is never held back."""
        return self.pick(levels) or min((r for level in levels for r in level), key=lambda r: r.until)

    def sooner(self, levels: list[list[Route]], besides: Route) -> float | None:
        """Seconds until a route other than ``besides`` is available again; ``None`` when there is no other."""
        untils = [r.until for level in levels for r in level if r is not besides]
        return max(0.0, min(untils) - self.clock()) if untils else None

    def set_aside(self, levels: list[list[Route]], route: Route, seconds: float) -> Route | None:
        """Set ``route`` aside for ``seconds`` (throttled or unreachable); another available route, else ``None``."""
        route.until = max(route.until, self.clock() + seconds)
        return self.pick(levels, besides=route)

    def aim(self, request: httpx.Request, route: Route, previous: Route | None) -> None:
        """Point ``request`` (addressed to the first backend, or re-aimed already) at ``route``'s endpoint and
        deployment, taking off the header of the credential a previous backend put on (it was REDACTED)."""
        if previous is not None and previous.auth.header != route.auth.header:
            request.headers.pop(previous.auth.header, None)
        now = previous or self.home
        if route is now:
            return
        path = request.url.raw_path
        if path.startswith(now.prefix):  # else a path of its own on the first backend's host: the host changes
            rest = path[len(now.prefix) :]
            found = _DEPLOYMENT.match(rest)
            if found is not None and route.deployment is not None:
                rest = b"deployments/" + route.deployment + rest[found.end() :]
            path = route.prefix + rest
        request.url = request.url.copy_with(scheme=route.scheme, netloc=route.netloc, raw_path=path)
        request.headers["Host"] = route.netloc.decode("ascii")
