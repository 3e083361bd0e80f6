"""The pytest plugin: small test files run through pytest itself (pytester) use the azure_openai_emulator fixtures."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from azure_openai.testing import Emulator

pytest_plugins = ["pytester"]

DOC = Path(__file__).resolve().parents[2] / "docs" / "recording.md"

#: Every inner run: no cache folder, none of the other installed plugins (hypothesis's alone costs seconds a
#: run), and the outcome lines the assertions read.
ARGS = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:asyncio", "-rA")


@pytest.fixture
def upstream() -> Iterator[Emulator]:
    with Emulator(api_key="upstream-key-for-the-plugin") as service:
        yield service


def test_the_marker_configures_the_emulator_and_the_closest_marker_wins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        pytestmark = pytest.mark.azure_openai_emulator(api_key="module-key", deployments=["far"])

        @pytest.mark.azure_openai_emulator(deployments={"near": "gpt-4o"})
        def test_marked(azure_openai_emulator):
            assert azure_openai_emulator.api_key == "module-key"
            assert azure_openai_emulator.deployments == {"near": "gpt-4o"}
            answer = httpx.post(
                f"{azure_openai_emulator.endpoint}/openai/deployments/near/chat/completions",
                params={"api-version": "2024-10-21"},
                headers={"api-key": "module-key"},
                json={"messages": [{"role": "user", "content": "hi"}]},
            )
            assert answer.status_code == 200

        def test_module_marker_only(azure_openai_emulator):
            assert azure_openai_emulator.deployments == {"far": "far"}
        """
    )
    pytester.runpytest("--strict-markers", *ARGS).assert_outcomes(passed=2)


def test_each_test_gets_a_fresh_emulator_stopped_after_it(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        seen = []

        def test_first(azure_openai_emulator):
            azure_openai_emulator.fail_next(3)
            seen.append(azure_openai_emulator)

        def test_second(azure_openai_emulator):
            assert azure_openai_emulator is not seen[0] and azure_openai_emulator.pending_faults == 0
            with pytest.raises(RuntimeError, match="not running"):
                seen[0].endpoint
        """
    )
    pytester.runpytest(*ARGS).assert_outcomes(passed=2)


def test_indirect_parameters_and_the_session_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.parametrize(
            "azure_openai_emulator", [{"deployments": ["a"]}, {"deployments": ["b"]}], indirect=True
        )
        def test_parametrised(azure_openai_emulator):
            assert list(azure_openai_emulator.deployments) in (["a"], ["b"])

        endpoints = set()

        @pytest.mark.parametrize("n", range(3))
        def test_shared(azure_openai_emulator_session, n):
            endpoints.add(azure_openai_emulator_session.endpoint)
            assert len(endpoints) == 1

        @pytest.mark.parametrize("azure_openai_emulator_session", [{"api_key": "session-key"}], indirect=True)
        def test_session_parametrised(azure_openai_emulator_session):
            assert azure_openai_emulator_session.api_key == "session-key"

        def test_bad_parameter(azure_openai_emulator):
            pass

        test_bad_parameter = pytest.mark.parametrize("azure_openai_emulator", ["gpt-4"], indirect=True)(
            test_bad_parameter
        )
        """
    )
    result = pytester.runpytest(*ARGS)
    result.assert_outcomes(passed=6, errors=1)
    result.stdout.fnmatch_lines(["*must be a dict of Emulator options, not str*"])


def test_the_options_fixture_sets_suite_wide_defaults(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def azure_openai_emulator_options():
            return {"api_key": "suite-key", "deployments": ["suite"]}
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.azure_openai_emulator(deployments=["own"])
        def test_function(azure_openai_emulator):
            assert (azure_openai_emulator.api_key, list(azure_openai_emulator.deployments)) == ("suite-key", ["own"])

        def test_session(azure_openai_emulator_session):
            assert list(azure_openai_emulator_session.deployments) == ["suite"]
        """
    )
    pytester.runpytest(*ARGS).assert_outcomes(passed=2)


def test_a_positional_marker_argument_is_a_clear_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.azure_openai_emulator(["gpt-4"])
        def test_it(azure_openai_emulator):
            pass
        """
    )
    result = pytester.runpytest(*ARGS)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*takes Emulator options as keyword arguments*"])


def test_replay_from_a_recording_next_to_the_test_and_re_record_with_the_option(
    pytester: pytest.Pytester, upstream: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        @pytest.mark.azure_openai_emulator(mode="replay", recording="recordings/chat.json")
        def test_chat(azure_openai_emulator):
            answer = httpx.post(
                f"{azure_openai_emulator.endpoint}/openai/deployments/gpt-4/chat/completions",
                params={"api-version": "2024-10-21"},
                headers={"api-key": azure_openai_emulator.api_key},
                json={"messages": [{"role": "user", "content": "recorded?"}]},
            )
            assert answer.status_code == 200, answer.text
            print("MODE", answer.headers["x-emulator-mode"])
        """
    )
    missing = pytester.runpytest(*ARGS)
    missing.assert_outcomes(errors=1)
    missing.stdout.fnmatch_lines(["*recordings/chat.json' does not exist: record it first*"])

    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", upstream.endpoint)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", upstream.api_key)
    recorded = pytester.runpytest("--azure-openai-record", *ARGS)
    recorded.assert_outcomes(passed=1)
    recorded.stdout.fnmatch_lines(["MODE record"])
    assert (pytester.path / "recordings" / "chat.json").is_file()
    assert upstream.api_key not in (pytester.path / "recordings" / "chat.json").read_text()

    upstream.stop()
    replayed = pytester.runpytest(*ARGS)
    replayed.assert_outcomes(passed=1)
    replayed.stdout.fnmatch_lines(["MODE replay"])


def test_re_recording_keeps_the_interactions_of_every_test_sharing_a_recording(
    pytester: pytest.Pytester, upstream: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        pytestmark = pytest.mark.azure_openai_emulator(recording="recordings/shared.json")

        def ask(emulator, text):
            answer = httpx.post(
                f"{emulator.endpoint}/openai/deployments/gpt-4/chat/completions",
                params={"api-version": "2024-10-21"},
                headers={"api-key": emulator.api_key},
                json={"messages": [{"role": "user", "content": text}]},
            )
            assert answer.status_code == 200, answer.text
            print("MODE", answer.headers["x-emulator-mode"])

        def test_one(azure_openai_emulator):
            ask(azure_openai_emulator, "first")

        def test_two(azure_openai_emulator):
            ask(azure_openai_emulator, "second")
        """
    )
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", upstream.endpoint)
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", upstream.api_key)
    recorded = pytester.runpytest("--azure-openai-record", *ARGS)
    recorded.assert_outcomes(passed=2)
    recorded.stdout.fnmatch_lines(["MODE record", "MODE record"])
    saved = json.loads((pytester.path / "recordings" / "shared.json").read_text())
    contents = [item["request"]["json"]["messages"][0]["content"] for item in saved["interactions"]]
    assert contents == ["first", "second"]  # not only the last test's

    upstream.stop()
    replayed = pytester.runpytest(*ARGS)  # the marker gives no mode: a recording alone is replayed
    replayed.assert_outcomes(passed=2)
    replayed.stdout.fnmatch_lines(["MODE replay", "MODE replay"])


def test_the_plugin_is_registered_and_loading_it_imports_no_emulator(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import sys

        def test_nothing_loaded(request):
            assert request.config.pluginmanager.has_plugin("azure_openai")
            assert "azure_openai" not in sys.modules  # not even the package (it imports httpx)
            assert not [name for name in sys.modules if name.startswith(("azure_openai.", "httpx"))]
            assert "jsonschema" not in sys.modules
        """
    )
    # A fresh interpreter: this one has long imported the emulator.
    pytester.runpytest_subprocess(*ARGS).assert_outcomes(passed=1)


def test_the_fixture_examples_of_the_docs_run(pytester: pytest.Pytester) -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## The pytest fixtures") :]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    pytester.makepyfile(test_doc=blocks[0])
    result = pytester.runpytest(*ARGS)
    # The replay example has no recording here: it says so, which is what it should do.
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(["*test_real_answers*", "*recordings/test_chat.json' does not exist*"])
