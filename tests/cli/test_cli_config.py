"""``chat --config FILE`` and ``embed --config FILE``: several backends from a JSON (or TOML) file whose keys may be
named by environment variable; a bad file is one ``azure-openai: error:`` line (in process: fast)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure_openai.cli import main
from azure_openai.testing import Emulator

from .test_cli import AZURE_VARS, base_env, run


@pytest.fixture
def pair(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Emulator, Emulator]]:
    for name in AZURE_VARS:
        monkeypatch.delenv(name, raising=False)
    with Emulator(api_key="west-S3CR3T") as west, Emulator(api_key="east-S3CR3T") as east:
        monkeypatch.setenv("WEST_KEY", west.api_key)
        yield west, east


def write(tmp_path: Path, data: Any, name: str = "backends.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def two_backends(west: Emulator, east: Emulator, deployment: str = "gpt-35-turbo") -> dict[str, Any]:
    return {
        "backends": [
            {"name": "west", "endpoint": west.endpoint, "deployment": deployment, "api_key_env": "WEST_KEY"},
            {
                "name": "east",
                "endpoint": east.endpoint,
                "deployment": deployment,
                "api_key": east.api_key,
                "priority": 1,
            },
        ]
    }


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_chat_and_embed_route_across_the_files_backends(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    west, east = pair
    west.fail_next(1, 429, retry_after_ms=30_000)
    config = write(tmp_path, two_backends(west, east))
    code, out, err = cli(["chat", "--no-stream", "--config", config, "hi"], capsys)
    assert code == 0, err
    assert out.strip() and [r.status for r in west.requests] == [429] and [r.status for r in east.requests] == [200]
    embed = write(tmp_path, two_backends(west, east, "text-embedding-ada-002"), "embed.json")
    code, out, err = cli(["embed", "--config", embed, "one", "two"], capsys)
    assert code == 0, err
    assert [json.loads(line)["text"] for line in out.splitlines()] == ["one", "two"]
    assert west.requests[-1].status == 200 and west.requests[-1].operation == "embeddings"


def test_a_toml_file_works_too_from_python_3_11(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    west, _ = pair
    toml = f'[[backends]]\nendpoint = "{west.endpoint}"\ndeployment = "gpt-35-turbo"\napi_key_env = "WEST_KEY"\n'
    code, _, err = cli(["chat", "--no-stream", "--config", write(tmp_path, toml, "b.toml"), "hi"], capsys)
    if sys.version_info < (3, 11):  # no tomllib, and no dependency added for it: one line saying so
        assert code == 2 and "TOML needs Python 3.11 or later" in err
    else:
        assert code == 0, err
        assert [r.status for r in west.requests] == [200]


GOOD = {"endpoint": "https://x.example.com", "deployment": "d", "api_key_env": "WEST_KEY"}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON"),
        ({"backends": []}, 'non-empty "backends" list'),
        ({"backends": [{"endpoint": "https://x.example.com", "deployment": "d"}]}, "backend 0 needs exactly one of"),
        (
            {"backends": [{"endpoint": "https://x.example.com", "deployment": "d", "api_key_env": "NOT_SET_HERE"}]},
            "backend 0: api_key_env names the environment variable 'NOT_SET_HERE', which is not set",
        ),
        (
            {"backends": [{"endpoint": "x.example.com", "deployment": "d", "api_key_env": "WEST_KEY"}]},
            "backend 0: Backend: the endpoint 'x.example.com'",
        ),
        ({"backends": [{"endpoint": "https://x", "deployment": "d", "key": "k"}]}, "backend 0 has unknown key(s) key"),
        ({"backends": [1], "region": "w"}, "unknown setting(s) region"),
        ({"backends": [GOOD], "max_retry_wait": True}, "max_retry_wait must be a finite number of seconds"),
        (json.dumps({"backends": [GOOD], "timeout": 1.0}).replace("1.0", "1e999"), "timeout must be a finite number"),
        ({"backends": [{**GOOD, "name": "w", "api_key_env": "NOT_SET"}]}, "backend 0 ('w'): api_key_env names"),
        ({"backends": [GOOD], "timeout": 1e300}, "timeout must be a finite number of seconds > 0 and at most 86400"),
        ({"backends": [GOOD], "max_retry_wait": 1e300}, "max_retry_wait must be a finite number of seconds from 0"),
    ],
)
def test_a_bad_file_is_one_line_without_the_key(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Any, fragment: str
) -> None:
    code, out, err = cli(["chat", "--config", write(tmp_path, content), "hi"], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("azure-openai: error: --config file") and fragment in err
    assert "S3CR3T" not in out + err


@pytest.mark.parametrize(
    "pasted",
    ["0123456789abcdef0123456789abcdef", "abcdef0123456789abcdef0123456789", "sk-Not a name", "A" * 84, 12345],
)
def test_a_key_pasted_as_api_key_env_is_not_echoed(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str], pasted: Any
) -> None:
    config = write(tmp_path, {"backends": [{**GOOD, "api_key_env": pasted}]})
    code, out, err = cli(["chat", "--no-stream", "--config", config, "hi"], capsys)
    assert code == 2 and err.count("\n") == 1
    assert "api_key_env does not look like an environment variable name (is it the key itself?" in err
    assert str(pasted) not in out + err


def test_config_with_emulator_or_a_deployment_is_refused(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path, two_backends(*pair))
    for extra in (["--emulator"], ["-d", "gpt-4"]):
        code, _, err = cli(["chat", "--config", config, *extra, "hi"], capsys)
        assert code == 2 and "leave out --emulator and -d" in err


@pytest.mark.slow
def test_a_missing_file_is_one_line_from_the_command_too(tmp_path: Path) -> None:
    proc = run(["embed", "--config", str(tmp_path / "missing.json"), "x"], base_env())
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("azure-openai: error: --config file") and "cannot be read" in proc.stderr


@pytest.mark.parametrize(("raw", "fragment"), [("NaN", "NaN is not a JSON number"), ("-Infinity", "-Infinity is not")])
def test_nan_and_infinity_in_a_json_file_are_one_line_naming_the_file(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: str, fragment: str
) -> None:
    backend = json.dumps(two_backends(*pair)["backends"][0])
    config = write(tmp_path, f'{{"timeout": {raw}, "backends": [{backend}]}}')
    code, out, err = cli(["chat", "--no-stream", "--config", config, "hi"], capsys)  # a traceback would raise here
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"azure-openai: error: --config file {config!r}: is not valid JSON") and fragment in err
    assert not pair[0].requests and "S3CR3T" not in out + err


def test_a_401_names_the_files_backend_and_variable_not_azure_openai_api_key(
    pair: tuple[Emulator, Emulator], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEST_KEY", "wrong-key")
    config = write(tmp_path, {"backends": [two_backends(*pair)["backends"][0]]})
    code, out, err = cli(["chat", "--no-stream", "--config", config, "hi"], capsys)
    assert code == 1 and err.count("\n") == 1 and "HTTP 401" in err
    assert (
        f"check the environment variable WEST_KEY (the api_key_env of backend 0 ('west') in --config file {config!r})"
        in err
    )
    assert "AZURE_OPENAI_API_KEY" not in err and "wrong-key" not in out + err
