"""A local emulator of the Azure OpenAI inference API, for tests and demos without an Azure resource.

    from azure_openai.testing import Emulator, Fault

    with Emulator() as emu:
        client = AzureOpenAI(endpoint=emu.endpoint, api_key=emu.api_key, deployment="gpt-35-turbo")
        emu.inject(Fault.rate_limit(retry_after_ms=10), times=2)
        ...
        assert emu.requests[-1].json["messages"][0]["role"] == "user"

Needs the ``testing`` extra (jsonschema): ``pip install 'azure-openai-rest[testing]'``.
"""

from __future__ import annotations

from ._chat import Replies
from ._config import Deployment
from ._emulator import Emulator
from ._faults import Fault, FaultKind
from ._latency import Latency
from ._record import REDACTED, RecordedFile, RecordedRequest
from ._serve import serve
from ._state import DEFAULT_DEPLOYMENTS, KNOWN_API_VERSIONS

__all__ = [
    "DEFAULT_DEPLOYMENTS",
    "KNOWN_API_VERSIONS",
    "REDACTED",
    "Deployment",
    "Emulator",
    "Fault",
    "FaultKind",
    "Latency",
    "RecordedFile",
    "RecordedRequest",
    "Replies",
    "serve",
]
