"""Retries, signing and client request ids as an httpx transport, so wrapper calls and generated functions share
one policy (what is retried and why: docs/transport.md)."""

from __future__ import annotations

import logging
import math
import os
import random
import re
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar, cast

import httpx

from .._errors import (
    ATTEMPTS,
    MAX_SECONDS,
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    RequestEncodingError,
    server_wait,
    tried,
)
from .auth import AzureAuth, header_problem, take_off_copies
from .logs import REDACTED, log_no_retry, log_request, log_response, log_retry, logger, shown_url
from .routing import COOL_DOWN, Router

#: Statuses retried by default (``x-should-retry`` can override either way).
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})

#: The most retries a policy may ask for: more only repeats a failure (a long outage wants longer waits instead).
MAX_RETRIES = 100

#: Transport errors worth another attempt (a refused connection, a reset, a timeout).
_RETRY_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)

#: Caught first: an exhausted pool is this process's own doing, and waiting in it again only prolongs the wait.
_NOT_RETRIED = (httpx.PoolTimeout,)

CLIENT_REQUEST_ID = "x-ms-client-request-id"

#: Request extension asking the retry transport to read the whole body before handing the response over, so a
#: failure in the middle of the body is retried (and typed) like one before the headers (non-streamed calls).
#: A response that is not a success (status >= 300) is read so even on a streamed call: its body is short, and
#: read later by the caller it would fail untyped (a broken-off or stalled error body) and never be retried.
READ_BODY = "azure_openai.read_body"

#: Statuses that set a backend aside (for the service's ``retry-after``) and move the request on to another.
THROTTLED = frozenset({429, 503})


class Attempt(NamedTuple):
    """One send of a request: where it went, how it ended, when (``time.time_ns()``), and the wait that followed."""

    host: str
    #: The HTTP status, or ``None`` when no response came (see ``error``).
    status: int | None
    #: The exception's class name when the send failed without a response, else ``None``.
    error: str | None
    start_ns: int
    end_ns: int
    #: Seconds waited before the next attempt (``None``: there was none).
    wait: float | None = None
    #: The ``Backend`` the attempt went to (``None`` for a request to another origin, e.g. a redirect's).
    backend: Any = None

    def __str__(self) -> str:
        """``HOST (DEPLOYMENT) HTTP 429`` or ``HOST (DEPLOYMENT) ConnectError``, for error messages."""
        where = self.host if self.backend is None else f"{self.host} ({self.backend.deployment})"
        return f"{where} {self.error if self.status is None else f'HTTP {self.status}'}"


@dataclass(frozen=True)
class RetryPolicy:
    """How many retries, how long to back off, and the longest server-requested wait honoured (seconds)."""

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_wait: float = 60.0

    def __post_init__(self) -> None:
        """Refuse negative or non-numeric settings with the setting's name."""
        retries = self.max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES:
            raise ConfigurationError(
                f"max_retries must be an int from 0 (no retries) to {MAX_RETRIES}, got {retries!r}; for longer "
                "outages raise retry_backoff or max_retry_wait instead"
            )
        for name in ("initial_backoff", "max_backoff", "max_wait"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_SECONDS:
                raise ConfigurationError(
                    f"{name} must be a number of seconds from 0 to {MAX_SECONDS:g} (one day), got {value!r}"
                )

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter for retry number ``attempt`` (0-based)."""
        # The exponent stops at 30 (far past any max_backoff): 2**1024 would overflow the float product.
        base: float = min(self.initial_backoff * (2 ** min(attempt, 30)), self.max_backoff)
        return base * (1.0 - 0.25 * random.random())


def _status_decision(
    response: httpx.Response, attempt: int, policy: RetryPolicy, sooner: float | None = None
) -> tuple[float | None, str]:
    """``(wait, reason)``: seconds to wait before retrying (at most ``sooner``, when a candidate backend is free
    again then), or ``None`` and why not."""
    status = response.status_code
    headers = response.headers
    should = headers.get("x-should-retry")
    if should is not None and should.strip().lower() == "false":
        return None, f"HTTP {status} and the service sent x-should-retry: false"
    if should is not None and should.strip().lower() == "true":
        if status < 400:
            return None, "success"
    elif status not in RETRY_STATUSES:
        return None, f"HTTP {status} is not retried" if status >= 400 else "success"
    if attempt >= policy.max_retries:
        return None, f"HTTP {status} and all {policy.max_retries} retries are used"
    hint = server_wait(headers)
    if sooner is not None and (hint is None or sooner < hint):
        hint = sooner
    if hint is not None and hint > policy.max_wait:
        return None, f"HTTP {status} and the service asked to wait {hint:g} s, above max_retry_wait={policy.max_wait:g}"
    # A hint of 0 (or a date already past) is no reason to retry at once, back to back: back off instead,
    # as the official SDKs do.
    wait = hint if hint is not None and hint > 0 else policy.backoff(attempt)
    return wait, f"HTTP {status}"


def _all_throttled(request: httpx.Request, held: float, policy: RetryPolicy) -> httpx.Response:
    """The 429 of a request not sent (made here, not by the service): every backend is throttled for longer than
    ``max_retry_wait`` (or at all, with ``max_retries=0``), as a retry would have found."""
    why = (
        f"above max_retry_wait={policy.max_wait:g}; try again later, raise max_retry_wait"
        if held > policy.max_wait
        else "and max_retries=0 waits for none; try again later, allow retries (max_retries >= 1) to wait"
    )
    message = f"not sent: every backend is set aside (throttled) for {held:.3g} s more, {why}, or add a backend"
    logger.info("%s %s %s", request.method, shown_url(request.url), message)  # made here: no response log tells of it
    body = {"error": {"code": "AllBackendsThrottled", "message": message}}
    return httpx.Response(429, headers={"retry-after-ms": str(math.ceil(held * 1000))}, json=body, request=request)


def _connection_error(exc: httpx.HTTPError, request: httpx.Request, retries: int) -> APIConnectionError:
    where = f"{request.url.scheme}://{request.url.netloc.decode('ascii', 'replace')}{request.url.path}"
    after = f" after {retries} retr{'y' if retries == 1 else 'ies'}" if retries else ""
    if isinstance(exc, httpx.PoolTimeout):
        pool = (request.extensions.get("timeout") or {}).get("pool")
        waited = f" for {pool:g} s" if isinstance(pool, (int, float)) else ""
        return APITimeoutError(
            f"the connection pool is exhausted: every connection was busy{waited} (PoolTimeout, not retried); "
            "close streams you no longer read, send fewer requests at once, or give the client a larger pool: "
            "AzureOpenAI(..., http_client=httpx.Client(limits=httpx.Limits(max_connections=N)), timeout=600) "
            "with N >= your concurrency (httpx.AsyncClient for AsyncAzureOpenAI)",
            request=request,
        )
    if isinstance(exc, httpx.TimeoutException):  # naming the limit that was hit: `` (read timeout 30 s)``
        phase = {httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read", httpx.WriteTimeout: "write"}.get(type(exc))
        limit = (request.extensions.get("timeout") or {}).get(phase or "")
        note = f" ({phase} timeout {limit:g} s)" if isinstance(limit, (int, float)) else ""
        note += tried(request)
        return APITimeoutError(
            f"{type(exc).__name__} talking to {where}{after}{note}; raise timeout= (per client or per call) "
            "if the service is slow",
            request=request,
        )
    if isinstance(exc, httpx.DecodingError):  # the service answered: it is the body that is bad, not the network
        return APIConnectionError(
            f"the response body from {where} could not be decoded ({_without_secrets(str(exc), request)}; not "
            "retried): it does not match its Content-Encoding (e.g. a corrupt gzip body), as sent by the service or "
            "by a proxy in between; try again, and if it persists check what stands between you and the endpoint",
            request=request,
        )
    certificate = _certificate_failure(exc)
    if certificate is not None:
        return APIConnectionError(
            f"the TLS certificate of {request.url.host} could not be verified ({certificate}; not retried): check "
            "that the endpoint's host name is right (the certificate must name it) and the system clock, and, "
            "behind a proxy that inspects TLS, that its CA is trusted (SSL_CERT_FILE, or "
            "AzureOpenAI(..., http_client=httpx.Client(verify=ssl_context), timeout=600))",
            request=request,
        )
    return APIConnectionError(
        f"could not reach {where}{after}: {type(exc).__name__}: {_without_secrets(str(exc), request)}; "
        f"check the endpoint and your network{tried(request)}",
        request=request,
    )


def _certificate_failure(exc: BaseException) -> str | None:
    """The reason, when ``exc`` comes from a failed certificate verification (retrying cannot help)."""
    import ssl  # only failed connections get here

    seen: BaseException | None = exc
    for _ in range(8):  # httpx error <- httpcore error <- ssl error
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or "certificate verify failed"
        seen = seen.__cause__ or seen.__context__
    return None


def _without_secrets(text: str, request: httpx.Request) -> str:
    """``text`` with the request's credential values (if a transport echoed them) replaced by REDACTED."""
    for name in ("api-key", "authorization"):
        value = request.headers.get(name)
        if value:
            text = text.replace(value, REDACTED)
            if value.startswith("Bearer "):
                text = text.replace(value[len("Bearer ") :], REDACTED)
    return text


#: What httpx's HTTP/1.1 layer (h11) accepts as a header name and value (RFC 9110 token and field-value).
_FIELD_NAME = re.compile(rb"[-!#$%&'*+.^_`|~0-9A-Za-z]+")
_FIELD_VALUE = re.compile(rb"(?:[\x21-\x7e\x80-\xff]+(?:[ \t]+[\x21-\x7e\x80-\xff]+)*)?")


def unsendable_header(request: httpx.Request) -> RequestEncodingError | None:
    """The error for the first header of ``request`` that HTTP cannot carry, else ``None``; never quoting it, as
    httpcore would while sending (in its exception and DEBUG log), which for a subscription key is the secret."""
    for name, value in request.headers.raw:
        if _FIELD_NAME.fullmatch(name) is None:
            return RequestEncodingError(
                "a request header name is not a valid HTTP field name (only letters, digits and !#$%&'*+-.^_`|~ "
                "are allowed): check the headers of your http_client= and of the call"
            )
        if _FIELD_VALUE.fullmatch(value) is None:
            problem = header_problem(value.decode("latin-1")) or "cannot be sent in an HTTP header"
            return RequestEncodingError(
                f"the request header {name.decode('ascii')!r} {problem}: fix the value where it is set "
                "(default_headers=, your http_client='s headers or the call's headers); it is not shown here"
            )
    return None


def _refused(exc: httpx.LocalProtocolError, request: httpx.Request) -> RequestEncodingError:
    """The typed error for a request httpx refused to send; its text may quote a header, so it is left out."""
    found = unsendable_header(request)
    if found is not None:
        return found
    text = _without_secrets(str(exc), request)
    detail = "" if "header" in text.lower() else f": {text}"
    return RequestEncodingError(
        f"httpx refused to send the request to {request.url.host} as invalid HTTP (LocalProtocolError{detail}); "
        "check the headers and the body you passed"
    )


def _new_request_id() -> str:
    """A random (version 4) UUID, formatted as ``x-ms-client-request-id`` expects, without importing uuid."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


#: The steps of a policy flow, each performed by a driver: send the request (the reply is the response, or the
#: transport's exception thrown in), ask the token provider (an ``Ask``; the reply is what it returned). A float
#: step means sleep that many seconds; a response step, close that response (it is not handed over).
SEND, TOKEN = "send", "token"


class Ask(str):
    """The ``TOKEN`` step (equal to it), carrying the credential to ask: the one of the backend the attempt goes to."""

    auth: AzureAuth


#: Request extension set on a request forwarded through another client of ours (``http_client=`` given another
#: AzureOpenAI's): its policy is already applied, so that client's transports pass it straight through.
POLICY_APPLIED = "azure_openai.policy_applied"

Step = str | float | httpx.Response
T = TypeVar("T")
PolicyFlow = Generator[Step, Any, httpx.Response]


def policy_flow(request: httpx.Request, policy: RetryPolicy, router: Router | AzureAuth | None) -> PolicyFlow:
    """The routing, retry, sign and scrub logic for one logical request, written once for both drivers (no I/O
    here). A bare ``AzureAuth`` signs without routing."""
    if CLIENT_REQUEST_ID not in request.headers:
        request.headers[CLIENT_REQUEST_ID] = _new_request_id()
    refused = unsendable_header(request)  # the credential is not on it yet: it is checked when it is put on
    if refused is not None:
        raise refused
    debug = logger.isEnabledFor(logging.DEBUG)
    attempts: list[Attempt] = request.extensions.setdefault(ATTEMPTS, [])
    trip = fixed = None
    # The credential of a request to no backend's origin: its sign() takes off one httpx copied onto it.
    unrouted: AzureAuth | None = router if not isinstance(router, Router) else router.home.auth
    backends = 1
    if isinstance(router, Router):
        backends = len(router.routes)
        # A redirect's request (httpx hands it the extensions, attempts included) goes where the service said, not
        # routed again: like an absolute URL to another backend's origin, it is signed by that backend alone.
        trip = None if attempts else router.trip(request.url)
        if trip is None:
            fixed = router.owner(request.url)
            if fixed is not None:
                take_off_copies(request)  # another backend's header (the redirect's own origin is signed below)
    limit = (policy.max_retries + 1) * backends  # sends: no loop
    attempt = sends = 0
    refreshed = False
    if trip is not None and (held := trip.held()):  # every backend set aside: sent now, it would cost one more 429
        patient = policy.max_retries > 0 and held <= policy.max_wait  # max_retries=0: no wait, as for a retry
        if not patient and trip.route.throttled:
            return _all_throttled(request, held, policy)
        if patient:
            logger.info(
                "every backend is set aside: waiting %.3gs before sending %s to %s", held, request.method, trip.route
            )
            yield held
            trip.again()
    while True:
        route = fixed if trip is None else trip.aim(request)
        auth = unrouted if route is None else route.auth
        signed = auth is not None and auth.sign(request)
        if signed is None and auth is not None:  # a token provider: asked for every attempt, so tokens refresh
            ask = Ask(TOKEN)
            ask.auth = auth
            auth.put_token(request, (yield ask))
            signed = True
        if debug:
            log_request(request, attempt)
        start = time.perf_counter()
        start_ns = time.time_ns()
        backend = None if route is None else route.backend
        sends += 1
        wait: float | None = None
        moved, hold = False, COOL_DOWN  # set aside for ``hold`` seconds, and on to another backend at once
        try:
            response: httpx.Response = yield SEND
        except BaseException as exc:
            attempts.append(
                Attempt(request.url.host, None, type(exc).__name__, start_ns, time.time_ns(), backend=backend)
            )
            if isinstance(exc, _NOT_RETRIED):
                raise _connection_error(exc, request, attempt) from exc
            if isinstance(exc, _RETRY_ERRORS):
                certificate = _certificate_failure(exc)
                # Set aside even on the last allowed send (later requests skip it); ``limit`` decides only moving on.
                moved = certificate is None and trip is not None and trip.set_aside(hold, False) and sends < limit
                if certificate is not None or (not moved and (attempt >= policy.max_retries or sends >= limit)):
                    raise _connection_error(exc, request, attempt) from exc
                if not moved:
                    wait = policy.backoff(attempt)
                    attempts[-1] = attempts[-1]._replace(wait=wait)
                    log_retry(request, type(exc).__name__, wait, attempt, policy.max_retries)
            elif isinstance(exc, httpx.LocalProtocolError):
                refused = _refused(exc, request)  # raised below: chained to exc, it would carry the header
            elif isinstance(exc, (httpx.TransportError, httpx.DecodingError)):
                raise _connection_error(exc, request, attempt) from exc
            else:
                raise
        else:
            attempts.append(
                Attempt(request.url.host, response.status_code, None, start_ns, time.time_ns(), backend=backend)
            )
        finally:
            if signed and auth is not None:
                auth.scrub(request)
        if refused is not None:
            raise refused
        if wait is None and not moved:
            if debug:
                log_response(request, response, time.perf_counter() - start)
            if response.status_code < 400 and "x-should-retry" not in response.headers:
                return response
            if response.status_code == 401 and signed and auth is not None and auth.refreshes and not refreshed:
                refreshed = True
                yield response
                logger.info("HTTP 401: asking the token_provider for a token again and retrying once")
                continue
            sooner = None
            if trip is not None and response.status_code in THROTTLED:
                if response.headers.get("x-should-retry", "").strip().lower() != "false":
                    # A hint is held at most max_retry_wait + COOL_DOWN: still above max_retry_wait (so a longer
                    # one is not waited for), but a proxy's huge hint cannot retire the backend for hours.
                    hint = server_wait(response.headers) or policy.backoff(attempt)
                    hold = min(hint, policy.max_wait + COOL_DOWN)
                    moved = trip.set_aside(hold, True) and sends < limit
                sooner = None if moved else trip.sooner()
            if not moved:
                wait, reason = _status_decision(response, attempt, policy, sooner)
                if wait is None or sends >= limit:
                    if debug and response.status_code >= 400:
                        log_no_retry(request, reason)
                    return response
                attempts[-1] = attempts[-1]._replace(wait=wait)
                log_retry(request, reason, wait, attempt, policy.max_retries)
            yield response
        if moved and trip is not None:  # not a retry: nothing waited for
            attempts[-1] = attempts[-1]._replace(wait=0.0)
            logger.info(
                "%s: set aside for %.3gs; sending %s to %s at once", attempts[-1], hold, request.method, trip.route
            )
            continue
        yield cast(float, wait)
        attempt += 1
        if trip is not None:
            trip.again()


class _Run:
    """One logical request's policy flow, and what its driver keeps between steps."""

    __slots__ = ("error", "flow", "reply", "response")

    def __init__(self, request: httpx.Request, policy: RetryPolicy, router: Router | AzureAuth | None) -> None:
        self.flow = policy_flow(request, policy, router)
        self.reply: Any = None
        self.error: Exception | None = None  # thrown into the flow, which raises what it does not handle
        self.response: httpx.Response | None = None  # the flow's result, once it ends

    def next(self) -> Step | None:
        """Send the last step's reply (or throw its error) in: the next step, or ``None`` once it ended."""
        reply, error, self.reply, self.error = self.reply, self.error, None, None
        try:
            return self.flow.send(reply) if error is None else self.flow.throw(error)
        except StopIteration as done:
            self.response = done.value
            return None


class _Policy(Generic[T]):
    """What both retry transports hold: the wrapped transport, the policy and the backends (or one credential)."""

    def __init__(self, inner: T, policy: RetryPolicy, router: Router | AzureAuth | None = None) -> None:
        self.inner = inner
        self.policy = policy
        self.router = router
        #: By backend origin, the inner transport (proxy or direct) httpx would pick for it; ``None``: ``inner``.
        self.inners: dict[tuple[str, str, int | None], T] | None = None

    def routed_inner(self, request: httpx.Request) -> T:
        """The inner transport for where ``request`` was re-aimed (httpx picked ``inner`` by its first URL)."""
        url = request.url
        return (self.inners or {}).get((url.scheme, url.host, url.port), self.inner)


class RetryTransport(_Policy[httpx.BaseTransport], httpx.BaseTransport):
    """Wraps a synchronous transport with the retry policy and, with a ``router``, routes and signs every request."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, retrying as the policy says; the last response, or a typed connection error."""
        if POLICY_APPLIED in request.extensions:
            return self.inner.handle_request(request)
        run = _Run(request, self.policy, self.router)
        while (step := run.next()) is not None:
            try:
                if step == SEND:
                    inner = self.inner if self.inners is None else self.routed_inner(request)
                    run.reply = response = inner.handle_request(request)
                    if response.status_code >= 300 or request.extensions.get(READ_BODY):
                        try:
                            response.read()
                        except BaseException:
                            response.close()
                            raise
                elif step == TOKEN:
                    run.reply = cast(Ask, step).auth.ask()
                elif isinstance(step, httpx.Response):
                    step.close()
                else:
                    time.sleep(cast(float, step))
            except Exception as exc:
                run.error = exc
        return cast(httpx.Response, run.response)

    def close(self) -> None:
        """Close the wrapped transport."""
        self.inner.close()


async def _async_sleep(seconds: float) -> None:
    """The async retry wait (tests of the emulator's load example replace it)."""
    import asyncio  # only async clients that retry need it

    await asyncio.sleep(seconds)


class AsyncRetryTransport(_Policy[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport):
    """``RetryTransport`` for the async client: the same policy flow, driven with ``await``."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, retrying as the policy says; the last response, or a typed connection error."""
        if POLICY_APPLIED in request.extensions:
            return await self.inner.handle_async_request(request)
        run = _Run(request, self.policy, self.router)
        while (step := run.next()) is not None:
            try:
                if step == SEND:
                    inner = self.inner if self.inners is None else self.routed_inner(request)
                    run.reply = response = await inner.handle_async_request(request)
                    if response.status_code >= 300 or request.extensions.get(READ_BODY):
                        try:
                            await response.aread()
                        except BaseException:
                            await response.aclose()
                            raise
                elif step == TOKEN:
                    run.reply = await cast(Ask, step).auth.ask_async(request)
                elif isinstance(step, httpx.Response):
                    await step.aclose()
                else:
                    await _async_sleep(cast(float, step))
            except Exception as exc:
                run.error = exc
        return cast(httpx.Response, run.response)

    async def aclose(self) -> None:
        """Close the wrapped transport."""
        await self.inner.aclose()
