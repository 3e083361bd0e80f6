"""The contract between the configured clients (``_client.py``) and the operation helpers mixed into them.

``AzureOpenAI`` / ``AsyncAzureOpenAI`` implement these methods once (URL, auth, retries, timeouts, typed errors);
the chat helpers (``_chat_helpers.py``) and the other operations (``_operations.py``) are mixins that only call
them, so every operation gets the same policy and none re-implements it.

``operation`` names an operation by its generated module (``"chat_completions_create"``) or by its path below the
deployment (``"chat/completions"``); either way the URL is the generated module's ``PATH`` (``_adapter``).
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any

import httpx

#: A timeout as accepted per call: seconds, an ``httpx.Timeout``, or ``None`` for the client's default.
TimeoutArg = float | httpx.Timeout | None

#: Multipart form fields: name -> (filename, content, content type).
FilesArg = Mapping[str, tuple[str, bytes, str]]


class SyncTransport(abc.ABC):
    """What a synchronous operation needs from the client."""

    @abc.abstractmethod
    def _post_json(
        self,
        operation: str,
        body: Mapping[str, Any],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> httpx.Response:
        """POST ``body`` to the operation's generated path; the read 2xx response, else a typed error."""

    @abc.abstractmethod
    def _post_multipart(
        self,
        operation: str,
        files: FilesArg,
        data: Mapping[str, str],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> httpx.Response:
        """POST a multipart form (audio); the read 2xx response, else a typed error."""

    @abc.abstractmethod
    def _stream_json(
        self,
        operation: str,
        body: Mapping[str, Any],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> AbstractContextManager[httpx.Response]:
        """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""


class AsyncTransport(abc.ABC):
    """What an asynchronous operation needs from the client."""

    @abc.abstractmethod
    async def _post_json(
        self,
        operation: str,
        body: Mapping[str, Any],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> httpx.Response:
        """POST ``body`` to the operation's generated path; the read 2xx response, else a typed error."""

    @abc.abstractmethod
    async def _post_multipart(
        self,
        operation: str,
        files: FilesArg,
        data: Mapping[str, str],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> httpx.Response:
        """POST a multipart form (audio); the read 2xx response, else a typed error."""

    @abc.abstractmethod
    def _stream_json(
        self,
        operation: str,
        body: Mapping[str, Any],
        *,
        deployment: str | None = None,
        api_version: str | None = None,
        timeout: TimeoutArg = None,
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """POST and hand over the unread 2xx response for streaming; a non-2xx status raises a typed error."""
