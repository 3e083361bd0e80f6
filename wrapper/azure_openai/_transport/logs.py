"""Logging to the ``azure_openai`` logger, with headers shown through an allow-list (everything else REDACTED)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import httpx

from .._errors import shown_location

logger = logging.getLogger("azure_openai")

#: Headers whose values are logged, and the only ones sent to an origin that is no backend's (a redirect's): any
#: other header is logged as ``REDACTED`` and not sent there, as it may be a credential (allow-list, never deny-list).
_HTTP = ("accept", "content-length", "content-type", "date", "host", "user-agent")
_FRAMING = ("accept-encoding", "connection", "content-encoding", "transfer-encoding")
_AZURE = ("apim-request-id", "azureml-model-session", "openai-processing-ms", "x-ms-client-request-id", "x-ms-region")
_RETRIES = ("retry-after", "retry-after-ms", "x-request-id", "x-should-retry")
_RATE_LIMITS = tuple(
    f"x-ratelimit-{what}-{kind}" for what in ("limit", "remaining", "reset") for kind in ("requests", "tokens")
)
ALLOWED_HEADERS = frozenset(_HTTP + _FRAMING + _AZURE + _RETRIES + _RATE_LIMITS)

REDACTED = "REDACTED"


def redact_headers(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Headers as a dict for logging: allowed values kept, all others replaced by ``REDACTED``."""
    return {name: value if name.lower() in ALLOWED_HEADERS else REDACTED for name, value in headers}


def shown_url(url: httpx.URL) -> str:
    """``url`` for a log line: no user info, and of its query only the wrapper's own ``api-version=...`` (useful
    when a version is refused); any other query, a redirect's SAS token say, is left out as in error messages."""
    query = url.query
    if query.startswith(b"api-version=") and b"&" not in query:
        return f"{shown_location(str(url.copy_with(query=None)))}?{query.decode('ascii')}"
    return shown_location(str(url))


def log_request(request: httpx.Request, attempt: int) -> None:
    """DEBUG: the request line, attempt number and allowed headers."""
    logger.debug(
        "request %s %s attempt=%d headers=%s",
        request.method,
        shown_url(request.url),
        attempt + 1,
        redact_headers(request.headers.items()),
    )


def log_response(request: httpx.Request, response: httpx.Response, elapsed: float) -> None:
    """DEBUG: status, elapsed seconds and allowed response headers."""
    logger.debug(
        "response %s %s status=%d elapsed=%.3fs headers=%s",
        request.method,
        shown_url(request.url),
        response.status_code,
        elapsed,
        redact_headers(response.headers.items()),
    )


def log_retry(request: httpx.Request, reason: str, wait: float, attempt: int, max_retries: int) -> None:
    """INFO: a retry decision (why, how long we wait, which attempt)."""
    logger.info(
        "retrying %s %s after %s in %.3fs (retry %d of %d)",
        request.method,
        shown_url(request.url),
        reason,
        wait,
        attempt + 1,
        max_retries,
    )


def log_no_retry(request: httpx.Request, reason: str) -> None:
    """DEBUG: why a failed attempt is not retried."""
    logger.debug("not retrying %s %s: %s", request.method, shown_url(request.url), reason)
