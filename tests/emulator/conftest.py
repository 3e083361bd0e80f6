"""Fixtures: a fresh emulator per test (starting one takes a few milliseconds) and a raw httpx client for it."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import azure_openai_rest
import httpx
import pytest
from azure_openai.testing import Emulator

API_VERSION = azure_openai_rest.API_VERSION
#: An api-version that takes ``stream_options`` (the packaged 2024-02-01 does not).
STREAM_OPTIONS_VERSION = "2024-10-21"

#: Built once: an httpx client loads the CA bundle on creation (~50-200 ms here), and every test makes clients.
TLS = ssl.create_default_context()


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    """One plain client for the whole session (creating a client costs ~50 ms of TLS set-up)."""
    with httpx.Client(timeout=10, verify=TLS) as plain:
        yield plain


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(tokens=["token-for-tests"]) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=f"{emu.endpoint}/openai",
        headers={"api-key": emu.api_key},
        params={"api-version": API_VERSION},
        timeout=10,
        verify=TLS,
    ) as http:
        yield http
