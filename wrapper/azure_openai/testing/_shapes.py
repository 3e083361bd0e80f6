"""What every emulated answer shares: fixed ``created``, hash-derived ids, the emulator mark, filter results."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

__all__ = [
    "CREATED",
    "MARK",
    "SYSTEM_FINGERPRINT",
    "digest",
    "make_id",
    "pieces",
    "prompt_filter_results",
    "severity_results",
    "tokens",
]

#: The ``created`` of every answer: fixed, so that equal requests get equal bodies.
CREATED = 1_717_171_717
SYSTEM_FINGERPRINT = "fp_emulator"
MARK = "[emulator]"

_WORD = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> int:
    """A deterministic stand-in for a tokenizer: words and punctuation marks."""
    return len(_WORD.findall(text))


def digest(*parts: Any) -> str:
    """A stable hex digest of JSON-serialisable parts."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(blob).hexdigest()


def make_id(prefix: str, *parts: Any) -> str:
    """``prefix`` and 29 letters and digits derived from ``parts`` (ids like the service's)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    number = int(digest(*parts), 16)
    chars: list[str] = []
    for _ in range(29):
        number, rest = divmod(number, len(alphabet))
        chars.append(alphabet[rest])
    return prefix + "".join(chars)


def severity_results(filtered: Sequence[str] = (), severity: str = "high") -> dict[str, Any]:
    """The four severity categories; those in ``filtered`` are filtered at ``severity``, the rest safe."""
    return {
        name: {"filtered": True, "severity": severity} if name in filtered else {"filtered": False, "severity": "safe"}
        for name in ("hate", "self_harm", "sexual", "violence")
    }


def prompt_filter_results(count: int) -> list[dict[str, Any]]:
    """``prompt_filter_results`` for ``count`` prompts, all safe."""
    results = {**severity_results(), "jailbreak": {"filtered": False, "detected": False}}
    return [{"prompt_index": index, "content_filter_results": results} for index in range(count)]


def cut(text: str, limit: int) -> str | None:
    """``text`` cut after its first ``limit`` tokens (as ``tokens`` counts them), or None when it has no more."""
    found = list(_WORD.finditer(text))
    if limit >= len(found):
        return None
    return text[: found[limit - 1].end()] if limit > 0 else ""


def pieces(text: str) -> list[str]:
    """Split text the way a stream delivers it: a word with its leading space per piece."""
    return re.findall(r"\s*\S+", text) or [text]
