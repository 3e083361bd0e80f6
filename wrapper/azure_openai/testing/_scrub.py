"""What a recording keeps of a request or an answer: every credential replaced by ``[redacted]``.

By name (a header, query parameter or body field whose name says it holds a credential: ``api-key``,
``clientSecret``, ``connection_string``), by value (``Bearer ...``, ``Basic ...``) and by the known secrets of
the upstream (its key or token, wherever they are echoed). Query parameters are kept by allow-list only.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from ._record import REDACTED

__all__ = ["MIN_SECRET_LENGTH", "scrub_body", "scrub_headers", "scrub_query", "secret_looking"]

#: Name parts of headers (and query parameters) that carry a credential.
_SECRET_WORDS = frozenset(
    {"key", "secret", "token", "auth", "authorization", "cookie", "signature", "sig", "password", "credential", "sas"}
)

#: Body field names that hold a credential though no secret word is among their parts.
_SECRET_FIELDS = frozenset({"connection_string", "connectionstring"})

#: Headers that describe one connection or message on the wire, not the answer; the emulator writes its own.
_WIRE_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "content-length",
        "content-encoding",  # httpx hands over the decoded body
        "te",
        "trailer",
        "upgrade",
        "proxy-connection",
        "host",
        "date",
        "server",
    }
)

#: Known secret values shorter than this are not searched for in text: a test's key ``"k"`` would otherwise
#: blank out every letter k of a recording (real keys and tokens are far longer).
MIN_SECRET_LENGTH = 8

#: Query parameters kept as they are; any other value is replaced (a SAS signature or key can travel there).
_SAFE_QUERY = frozenset({"api-version"})


def _secret_name(name: str) -> bool:
    """Whether a header, query or body field name says it holds a credential (``api-key``, ``clientSecret``...)."""
    words = re.split(r"[-_.\s]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower())
    return bool(set(words) & _SECRET_WORDS) or "_".join(words) in _SECRET_FIELDS


def secret_looking(name: str, value: str, secrets: Collection[str] = ()) -> bool:
    """Whether a header carries a credential: by its name, a ``Bearer``/``Basic`` value, or a known secret."""
    if _secret_name(name):
        return True
    if value.lower().startswith(("bearer ", "basic ")):
        return True
    return any(len(secret) >= MIN_SECRET_LENGTH and secret in value for secret in secrets)


def scrub_headers(headers: Iterable[tuple[str, str]], secrets: Collection[str] = ()) -> dict[str, str]:
    """Lower-cased headers without the wire ones, every secret-looking value replaced by ``[redacted]``."""
    clean: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        if key in _WIRE_HEADERS:
            continue
        value = REDACTED if secret_looking(key, value, secrets) else value
        clean[key] = f"{clean[key]}, {value}" if key in clean else value
    return clean


def scrub_query(query: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The query with only allow-listed values (the api-version) kept as they are."""
    return {name: value if name.lower() in _SAFE_QUERY else REDACTED for name, value in query}


def scrub_body(value: Any) -> Any:
    """A JSON body with the text of every secret-looking field replaced by ``[redacted]``, at any depth.

    A request body can carry credentials of its own: an On Your Data source's ``authentication.key``,
    ``connection_string``, ``access_token`` or ``client_secret``. Only text values are replaced: an object under
    such a name (a tool's JSON schema declaring a ``password`` property) is searched, not dropped.
    """
    if isinstance(value, dict):
        return {
            name: REDACTED if isinstance(item, str) and _secret_name(str(name)) else scrub_body(item)
            for name, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_body(item) for item in value]
    return value
