"""The pytest plugin: ``azure_openai_emulator`` fixtures running ``azure_openai.testing.Emulator`` for a test.

Registered through the ``pytest11`` entry point, so pytest loads it in every test run where the package is
installed. It is therefore a top-level module, outside the ``azure_openai`` package (importing a submodule would
import the package and httpx first), and imports nothing of it until a test asks for a fixture: a suite that
never uses it pays nothing for it.

    @pytest.mark.azure_openai_emulator(deployments={"gpt-4o": "gpt-4o"})
    def test_chat(azure_openai_emulator):
        client = AzureOpenAI(endpoint=azure_openai_emulator.endpoint, api_key=azure_openai_emulator.api_key, ...)

Options are ``Emulator`` keyword arguments, from (later wins) the ``azure_openai_emulator_options`` fixture
(override it in a conftest.py for suite-wide defaults), the marker (closest to the test wins; function scope
only) and an indirect parameter (a dict). A relative ``recording`` path is relative to the test file's folder
(to the root folder for the session fixture); ``--azure-openai-record`` makes every fixture with a ``recording``
record it afresh from the real endpoint instead of replaying it; fixtures of one run recording the same file
add to it. ``docs/recording.md`` shows it all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from azure_openai.testing import Emulator
    from azure_openai.testing._recording import Recording

__all__ = [
    "azure_openai_emulator",
    "azure_openai_emulator_options",
    "azure_openai_emulator_session",
    "pytest_addoption",
    "pytest_configure",
]

MARKER = "azure_openai_emulator"

#: The recordings record mode started in this run, by file: a later fixture recording the same file adds to it.
_RECORDINGS = pytest.StashKey[dict[Path, "Recording"]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--azure-openai-record``: re-record the recordings of ``azure_openai_emulator`` fixtures."""
    group = parser.getgroup("azure-openai", "Azure OpenAI emulator (azure-openai-rest)")
    group.addoption(
        "--azure-openai-record",
        action="store_true",
        default=False,
        help="azure_openai_emulator fixtures given a recording= record it afresh from AZURE_OPENAI_ENDPOINT "
        "(and its key or token) instead of replaying it",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker, so ``--strict-markers`` suites accept it and ``pytest --markers`` lists it."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): azure_openai.testing.Emulator keyword arguments for the azure_openai_emulator fixture",
    )


@pytest.fixture(scope="session")
def azure_openai_emulator_options() -> dict[str, Any]:
    """Emulator options every ``azure_openai_emulator`` fixture starts from; override it in a conftest.py."""
    return {}


@pytest.fixture
def azure_openai_emulator(
    request: pytest.FixtureRequest, azure_openai_emulator_options: Mapping[str, Any]
) -> Iterator[Emulator]:
    """A running emulator for one test, configured by the marker or an indirect parameter; stopped after it."""
    options = dict(azure_openai_emulator_options)
    for marker in reversed(list(request.node.iter_markers(MARKER))):  # the closest marker is yielded first
        if marker.args:
            raise pytest.UsageError(
                f"@pytest.mark.{MARKER} takes Emulator options as keyword arguments, not {marker.args!r}"
            )
        options.update(marker.kwargs)
    yield from _running(request, options, request.path.parent)


@pytest.fixture(scope="session")
def azure_openai_emulator_session(
    request: pytest.FixtureRequest, azure_openai_emulator_options: Mapping[str, Any]
) -> Iterator[Emulator]:
    """One emulator shared by every test of the session (its faults and request record are shared too)."""
    yield from _running(request, dict(azure_openai_emulator_options), request.config.rootpath)


def _running(request: pytest.FixtureRequest, options: dict[str, Any], folder: Path) -> Iterator[Emulator]:
    """Start an emulator with ``options`` (and the indirect parameter, if any), yield it, stop it."""
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, Mapping):
            raise pytest.UsageError(
                f"an indirect parameter of {request.fixturename} must be a dict of Emulator options, "
                f"not {type(param).__name__}"
            )
        options.update(param)
    if options.get("recording") is not None:
        options["recording"] = folder / Path(options["recording"])
        if request.config.getoption("azure_openai_record"):
            options["mode"] = "record"
    try:
        from azure_openai.testing import Emulator  # here, not at the top: loading the plugin must not load it
    except ImportError as exc:
        raise pytest.UsageError(
            f"the {request.fixturename} fixture needs the testing extra: pip install 'azure-openai-rest[testing]' "
            f"({exc})"
        ) from None
    with Emulator(**options) as emulator:
        if emulator.mode == "record":
            # Several tests may share one recording file: each fixture's new emulator would start it afresh and
            # keep only its own test's interactions, so the first recording of the file this run is continued.
            replay = emulator._replay
            assert replay.path is not None and replay.recording is not None
            started = request.config.stash.setdefault(_RECORDINGS, {})
            replay.resume(started.setdefault(replay.path.resolve(), replay.recording))
        yield emulator
