"""Where a command's client points: the environment's resource, or with ``--emulator`` an emulator."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from ._app import EXIT_USAGE, fail

if TYPE_CHECKING:
    from .._client import AzureOpenAI

__all__ = ["DEPLOYMENT_ENV", "EMULATOR_HELP", "ENDPOINT_ENV", "connection", "open_client", "testing_package"]

#: The variables that choose the resource and the deployment, as the library reads them.
ENDPOINT_ENV = "AZURE_OPENAI_ENDPOINT"
DEPLOYMENT_ENV = "AZURE_OPENAI_DEPLOYMENT"

#: The help of every command's ``--emulator``.
EMULATOR_HELP = f"Use the built-in emulator unless {ENDPOINT_ENV} is set."


def testing_package() -> Any:
    """``azure_openai.testing``, or one clear line when its extra (jsonschema) is not installed."""
    try:
        from .. import testing
    except ImportError as exc:
        fail(f"the emulator needs the 'testing' extra ({exc}): pip install 'azure-openai-rest[testing]'", EXIT_USAGE)
    return testing


def _emulated_deployment(
    deployments: Mapping[str, str], operation: str, default: str, *, keep_unknown: bool
) -> str | None:
    """The deployment for ``operation`` on an emulator: ``AZURE_OPENAI_DEPLOYMENT`` if it serves it, else ``default``.

    The emulator's export lines name its chat deployment, which would answer ``embed`` with a 400. A name the
    emulator does not know is another resource's (built-in emulator: ignored) or the user's own (kept).
    """
    from_env = os.environ.get(DEPLOYMENT_ENV)
    model = deployments.get(from_env) if from_env else None
    if model is None:
        return from_env if keep_unknown and from_env else default
    from ..testing._service_errors import supports

    return from_env if supports(model, operation) else default


@contextmanager
def connection(
    emulator: bool,
    deployment: str | None,
    emulator_deployment: str,
    note: str = "",
    operation: str = "chat/completions",
    config: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Client arguments: the environment's resource, with ``--emulator`` and no endpoint set the emulator's, or
    with ``--config`` the file's backends."""
    if config is not None:
        if emulator or deployment is not None:
            fail("--config names the backends and their deployments: leave out --emulator and -d", EXIT_USAGE)
        from ._config_file import client_arguments

        yield client_arguments(config)
        return
    if emulator and not os.environ.get(ENDPOINT_ENV):
        testing = testing_package()

        typer.echo(
            f"azure-openai: using the built-in emulator (set {ENDPOINT_ENV} for a real resource){note}", err=True
        )
        with testing.Emulator() as emu:
            chosen = deployment or _emulated_deployment(
                emu.deployments, operation, emulator_deployment, keep_unknown=False
            )
            yield {"endpoint": emu.endpoint, "api_key": emu.api_key, "deployment": chosen}
        return
    if emulator and deployment is None:  # the endpoint is an emulator (`azure-openai emulator`'s export lines)
        deployment = _emulated_deployment(
            testing_package().DEFAULT_DEPLOYMENTS, operation, emulator_deployment, keep_unknown=True
        )
    yield {"deployment": deployment}


@contextmanager
def open_client(
    emulator: bool, deployment: str | None, emulator_deployment: str, note: str = "", config: str | None = None
) -> Iterator[AzureOpenAI]:
    """The configured synchronous client (see ``connection``)."""
    from .._client import AzureOpenAI

    with (
        connection(emulator, deployment, emulator_deployment, note, config=config) as arguments,
        AzureOpenAI(**arguments) as client,
    ):
        yield client
