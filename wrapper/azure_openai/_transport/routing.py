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

    __slots__ = (
        "auth",
        "backend",
        "deployment",
        "netloc",
        "origin",
        "prefix",
        "priority",
        "scheme",
        "throttled",
        "until",
    )

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
        #: Whether it was last set aside for a 429/503 (else it could not be reached).
        self.throttled = False

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
        self.clock = time.monotonic  # what ``until`` is measured on (tests move a clock of their own)
        self._turn = itertools.count()  # round robin among equals: next() is atomic under the GIL
        # One backend: every trip goes there and back (nothing to choose), so requests share one (hot path).
        self.alone = Trip(self, everyone) if len(self.routes) == 1 else None

    def trip(self, url: httpx.URL) -> Trip | None:
        """The way of a request to ``url`` through the backends; ``None`` for one to another origin (not routed:
        neither re-aimed nor signed)."""
        home = self.home
        if (url.scheme, url.host, url.port) != home.origin:
            return None
        if self.alone is not None:
            return self.alone
        path = url.raw_path
        found = _DEPLOYMENT.match(path, len(home.prefix)) if path.startswith(home.prefix) else None
        levels = self._everyone if found is None else self._by_deployment.get(found.group(1))
        if levels is None:
            assert found is not None
            have = sorted({str(r.backend.deployment) for r in self.routes})
            raise ConfigurationError(
                f"no backend has the deployment {found.group(1).decode()!r} (they have {', '.join(have)}): leave "
                "deployment= out to route to the backends, or add a Backend with that deployment"
            )
        return Trip(self, levels)

    def owner(self, url: httpx.URL) -> Route | None:
        """The route at the origin of ``url`` (the one whose base path it is under, when several share it), else
        ``None``: whose credential a request not routed (a redirect's, an absolute URL) carries."""
        mine = [r for r in self.routes if r.origin == (url.scheme, url.host, url.port)]
        return next((r for r in mine if url.raw_path.startswith(r.prefix)), mine[0] if mine else None)

    def pick(self, levels: list[list[Route]], besides: Route | None = None) -> Route | None:
        """An available route of the best priority (round robin among equals, ``besides`` left out), else ``None``."""
        now = self.clock()
        for level in levels:
            free = [r for r in level if r.until <= now and r is not besides]
            if free:
                return free[0] if len(free) == 1 else free[next(self._turn) % len(free)]
        return None


class Trip:
    """One request's way through its candidate backends: the route of the current attempt, where its URL points."""

    __slots__ = ("aimed", "cookie", "levels", "route", "router")

    def __init__(self, router: Router, levels: list[list[Route]]) -> None:
        self.router, self.levels, self.aimed = router, levels, router.home
        self.cookie: str | None = None  # the first backend's cookies, kept off other origins
        self.route = self.again()

    def again(self) -> Route:
        """The route of the next attempt: an available one, else the one available again first (a request is
        not held back before it is sent: waiting is for retries)."""
        self.route = self.router.pick(self.levels) or min((r for lv in self.levels for r in lv), key=lambda r: r.until)
        return self.route

    def set_aside(self, seconds: float, throttled: bool) -> bool:
        """Set the route aside for ``seconds`` (throttled, else unreachable); whether another is available, and
        taken."""
        route, until = self.route, self.router.clock() + seconds
        if until >= route.until:  # else the longer hold stands, and says why (throttled or not)
            route.until, route.throttled = until, throttled
        self.route = self.router.pick(self.levels, besides=route) or route
        return self.route is not route

    def held(self) -> float | None:
        """Seconds until the route of the first attempt is available (0.0: now), ``None`` with a single backend
        (its requests are sent at once, as without routing)."""
        return None if self.router.alone is not None else max(0.0, self.route.until - self.router.clock())

    def sooner(self) -> float | None:
        """Seconds until the first candidate route (the current one included, once set aside) is available again;
        ``None`` when there is no other candidate (the service's hint and the backoff decide)."""
        untils = [r.until for level in self.levels for r in level]
        return max(0.0, min(untils) - self.router.clock()) if len(untils) > 1 else None

    def aim(self, request: httpx.Request) -> Route:
        """Point ``request`` at the route's endpoint and deployment (taking off the header of the credential another
        backend put on, REDACTED since); the route."""
        route, now = self.route, self.aimed
        if route is now:
            return route
        request.headers.pop(now.auth.header, None)
        home = self.router.home.origin
        if route.origin != now.origin:  # the request was built with the cookies of the first backend's origin:
            if now.origin == home:  # as on a cross-origin redirect (httpx), they go to no other origin
                self.cookie = request.headers.pop("Cookie", None)
            elif route.origin == home and self.cookie is not None:
                request.headers["Cookie"] = self.cookie
        path = request.url.raw_path
        if path.startswith(now.prefix):  # else a path of its own on the first backend's host: the host changes
            rest = path[len(now.prefix) :]
            found = _DEPLOYMENT.match(rest)
            if found is not None and route.deployment is not None:
                rest = b"deployments/" + route.deployment + rest[found.end() :]
            path = route.prefix + rest
        request.url = request.url.copy_with(scheme=route.scheme, netloc=route.netloc, raw_path=path)
        request.headers["Host"] = route.netloc.decode("ascii")
        self.aimed = route
        return route
