"""Fixtures: a fresh emulator per test (starting one takes a few milliseconds) and a raw httpx client for it."""

from __future__ import annotations

from collections.abc import Iterator

import azure_openai_rest
import httpx
import pytest
from azure_openai.testing import Emulator

API_VERSION = azure_openai_rest.API_VERSION


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
    ) as http:
        yield http
