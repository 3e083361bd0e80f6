"""A client library for accessing Azure OpenAI Service API"""

from .client import AuthenticatedClient, Client
from .errors import ResponseParseError

API_VERSION = "2024-02-01"
"""The Azure OpenAI api-version this package was generated from."""

SPEC_RESOURCE = "inference.json"
"""Name of the package data file holding the spec this package was generated from."""


def load_spec() -> dict:  # type: ignore[type-arg]
    """The spec this package was generated from, as a JSON object."""
    import json
    from importlib.resources import files

    return json.loads(files(__name__).joinpath(SPEC_RESOURCE).read_text(encoding="utf-8"))


__all__ = (
    "API_VERSION",
    "SPEC_RESOURCE",
    "AuthenticatedClient",
    "Client",
    "ResponseParseError",
    "load_spec",
)
