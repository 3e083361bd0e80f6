"""``EmbeddingsResult.backend`` (docs/routing.md): the backend that answered every batch, else ``None`` with each
``responses[i].backend``."""

from __future__ import annotations

import pytest
from azure_openai import AzureOpenAI, Backend
from azure_openai.testing import Emulator

pytestmark = pytest.mark.usefixtures("clean_env")


def test_an_embeddings_result_names_its_backend_or_none_when_the_batches_were_split() -> None:
    def quota(rpm: int) -> dict[str, dict[str, object]]:
        return {"ada": {"model": "text-embedding-ada-002", "tpm": 10**7, "rpm": rpm}}

    with (  # frozen clocks: each serves exactly its requests per minute
        Emulator(deployments=quota(1), clock=lambda: 1000.0) as small,
        Emulator(deployments=quota(2), clock=lambda: 1000.0) as other,
    ):
        first, second = (
            Backend(e.endpoint, "ada", api_key=e.api_key, priority=p) for p, e in enumerate([small, other])
        )
        with AzureOpenAI(backends=[first, second]) as client:
            split = client.embed(["one", "two"], batch_size=1)
            assert sorted(r.backend.priority for r in split.responses) == [0, 1]
            assert split.backend is None
            alone = client.embed(["three"])  # the small one is used up: one backend answered, named
            assert alone.backend is second and alone.responses[0].backend is second
            assert client.embed([]).backend is None
