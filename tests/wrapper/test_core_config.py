"""Configuration: environment variables, argument precedence, endpoint normalisation, clear ConfigurationErrors."""

from __future__ import annotations

from typing import Any

import azure_openai_rest
import httpx
import pytest
from azure_openai import AsyncAzureOpenAI, AuthenticationError, AzureOpenAI, Backend, ConfigurationError, RetryPolicy
from azure_openai._config import DEFAULT_TIMEOUT, ClientConfig, normalize_endpoint
from azure_openai.testing import Emulator
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("clean_env")


def recording_client(**kwargs: Any) -> tuple[AzureOpenAI, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}]})

    kwargs.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(handler)))
    return AzureOpenAI(**kwargs), seen


def test_environment_alone_configures_a_working_client(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", "https://env-res.openai.azure.com/")
    clean_env.setenv("AZURE_OPENAI_API_KEY", "env-key")
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "env-dep")
    clean_env.setenv("OPENAI_API_VERSION", "2024-06-01")
    client, seen = recording_client()
    assert client.chat("hi").text == "ok"
    assert str(seen[0].url) == (
        "https://env-res.openai.azure.com/openai/deployments/env-dep/chat/completions?api-version=2024-06-01"
    )
    assert seen[0].headers["api-key"] == "REDACTED"  # sent, then scrubbed from the request object (see auth tests)


def test_arguments_override_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", "https://env-res.openai.azure.com")
    clean_env.setenv("AZURE_OPENAI_AD_TOKEN", "env-token")
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "env-dep")
    clean_env.setenv("OPENAI_API_VERSION", "2024-06-01")
    client, seen = recording_client(
        endpoint="https://arg-res.openai.azure.com", api_key="arg-key", deployment="arg-dep", api_version="2024-10-21"
    )
    client.chat("hi")
    assert seen[0].url.host == "arg-res.openai.azure.com"
    assert seen[0].url.path == "/openai/deployments/arg-dep/chat/completions"
    assert seen[0].url.params["api-version"] == "2024-10-21"
    assert "authorization" not in seen[0].headers  # the env token is ignored when an argument authenticates
    assert client.config.auth.kind == "api_key"


def test_api_version_defaults_to_the_generated_package() -> None:
    config = ClientConfig.resolve(endpoint="https://r.openai.azure.com", api_key="k", environ={})
    assert config.api_version == azure_openai_rest.API_VERSION


def test_per_call_deployment_and_api_version() -> None:
    client, seen = recording_client(endpoint="https://r.openai.azure.com", api_key="k", deployment="default-dep")
    client.chat("a")
    client.chat("b", deployment="other dep", api_version="2024-10-21")
    assert seen[0].url.path == "/openai/deployments/default-dep/chat/completions"
    assert seen[1].url.raw_path == b"/openai/deployments/other%20dep/chat/completions?api-version=2024-10-21"


def test_missing_deployment_is_a_clear_error_at_call_time() -> None:
    client, seen = recording_client(endpoint="https://r.openai.azure.com", api_key="k")
    with pytest.raises(ConfigurationError, match=r"AZURE_OPENAI_DEPLOYMENT.*not the model name"):
        client.chat("hi")
    assert seen == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://res.openai.azure.com",
        "https://res.openai.azure.com/",
        "https://res.openai.azure.com/openai",
        "https://res.openai.azure.com/openai/",
        "  https://res.openai.azure.com//  ",
    ],
)
def test_endpoint_forms_give_the_same_urls_without_double_slashes(endpoint: str) -> None:
    client, seen = recording_client(endpoint=endpoint, api_key="k", deployment="d")
    client.chat("hi")
    url = str(seen[0].url)
    assert url == "https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=" + (
        client.api_version
    )
    assert "//" not in url.split("://", 1)[1]
    assert client.endpoint == "https://res.openai.azure.com"


def test_gateway_path_prefix_is_kept() -> None:
    assert normalize_endpoint("https://gw.azure-api.net/aoai/") == "https://gw.azure-api.net/aoai"


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("res.openai.azure.com", "no scheme: use 'https://res.openai.azure.com'"),
        ("https://res.openai.azure.com/?api-version=2024-02-01", "query string"),
        ("http://res.openai.azure.com", "plain http:// to a non-loopback host"),
        ("ftp://res.openai.azure.com", "must start with https://"),
        ("https://res.openai.azure.com/openai/deployments/gpt/chat/completions", "includes an API path"),
        ("https://user:pw@res.openai.azure.com", "must not contain credentials"),
        ("https://", "no host"),
        ("https://res.openai.azure.com:abc", "not a valid URL"),
        ("https://res .openai.azure.com", "not a valid URL"),
    ],
)
def test_bad_endpoints_are_refused_naming_the_argument(value: str, pattern: str) -> None:
    with pytest.raises(ConfigurationError, match=pattern) as info:
        AzureOpenAI(endpoint=value, api_key="k")
    assert "argument endpoint=" in str(info.value)


@pytest.mark.parametrize(
    "value", ["https://user:hunter2@", "user:hunter2@res.openai.azure.com", "ftp://user:hunter2@res.openai.azure.com"]
)
def test_credentials_in_an_endpoint_are_never_echoed(value: str) -> None:
    with pytest.raises(ConfigurationError, match="must not contain credentials") as info:
        AzureOpenAI(endpoint=value, api_key="k")
    assert "hunter2" not in str(info.value)


def test_bad_endpoint_from_environment_names_the_variable(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", "res.openai.azure.com")
    with pytest.raises(ConfigurationError, match="environment variable AZURE_OPENAI_ENDPOINT"):
        AzureOpenAI(api_key="k")


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:8080", "http://localhost:1234/", "http://[::1]:9"])
def test_plain_http_is_allowed_to_loopback(endpoint: str) -> None:
    assert AzureOpenAI(endpoint=endpoint, api_key="k").endpoint.startswith("http://")


def test_missing_endpoint_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="AZURE_OPENAI_ENDPOINT"):
        AzureOpenAI(api_key="k")


def test_an_empty_endpoint_variable_counts_as_unset_like_the_others(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", "")
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "")  # ignored, as it always was
    with pytest.raises(ConfigurationError, match=r"no endpoint: pass endpoint=.* or set AZURE_OPENAI_ENDPOINT"):
        AzureOpenAI(api_key="k")


def test_missing_credential_lists_every_way() -> None:
    with pytest.raises(ConfigurationError) as info:
        AzureOpenAI(endpoint="https://r.openai.azure.com")
    message = str(info.value)
    for name in ("api_key=", "AZURE_OPENAI_API_KEY", "azure_ad_token=", "AZURE_OPENAI_AD_TOKEN", "token_provider="):
        assert name in message


@pytest.mark.parametrize(
    "kwargs",
    [
        {"api_key": "k", "azure_ad_token": "t"},
        {"api_key": "k", "token_provider": lambda: "t"},
        {"azure_ad_token": "t", "token_provider": lambda: "t"},
    ],
)
def test_exactly_one_credential(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigurationError, match="only one way to authenticate"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", **kwargs)


def test_both_credentials_in_the_environment_is_an_error(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_API_KEY", "k")
    clean_env.setenv("AZURE_OPENAI_AD_TOKEN", "t")
    with pytest.raises(ConfigurationError, match="both AZURE_OPENAI_API_KEY and AZURE_OPENAI_AD_TOKEN"):
        AzureOpenAI(endpoint="https://r.openai.azure.com")


def test_empty_key_in_the_environment_is_named(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_API_KEY", "  ")
    with pytest.raises(ConfigurationError, match="AZURE_OPENAI_API_KEY is set but empty"):
        AzureOpenAI(endpoint="https://r.openai.azure.com")


def test_empty_key_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="api key"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key=" ")


@pytest.mark.parametrize("version", ["2024-10", "latest", "v1", "2024/10/21"])
def test_bad_api_version_is_refused(version: str, clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError, match="api-version"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", api_version=version)
    clean_env.setenv("OPENAI_API_VERSION", version)
    with pytest.raises(ConfigurationError, match="OPENAI_API_VERSION"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")


def test_preview_api_version_is_accepted() -> None:
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", api_version="2024-08-01-preview")
    assert client.api_version == "2024-08-01-preview"


@pytest.mark.parametrize("deployment", ["", "a/b"])
def test_bad_deployment_is_refused(deployment: str) -> None:
    with pytest.raises(ConfigurationError, match="deployment"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment=deployment)


def test_default_timeout_is_bounded() -> None:
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k")
    timeout = client.http_client.timeout
    assert timeout == DEFAULT_TIMEOUT
    assert timeout.connect is not None and timeout.connect <= 10
    assert timeout.read is not None and timeout.read > 0


def test_timeout_in_seconds_bounds_connect() -> None:
    client = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", timeout=30)
    assert client.http_client.timeout == httpx.Timeout(30.0, connect=10.0)


@pytest.mark.parametrize("timeout", [None, 0, -1, "10", httpx.Timeout(None)])
def test_unbounded_or_bad_timeouts_are_refused(timeout: Any) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", timeout=timeout)


NOT_FINITE = [float("nan"), float("inf"), float("-inf"), 10**400]


@pytest.mark.parametrize("value", NOT_FINITE, ids=["nan", "inf", "-inf", "huge-int"])
def test_nan_and_infinite_seconds_are_refused_naming_the_setting(value: Any) -> None:
    base = {"endpoint": "https://r.openai.azure.com", "api_key": "k"}
    for setting in ("timeout", "retry_backoff", "max_retry_wait"):
        with pytest.raises(ConfigurationError, match=f"^{setting} must be a finite number of seconds"):
            AzureOpenAI(**base, **{setting: value})
    with pytest.raises(ConfigurationError, match="finite"):
        AzureOpenAI(**base, timeout=httpx.Timeout(float("nan")))
    client = AzureOpenAI(**base, deployment="d")
    with pytest.raises(ConfigurationError, match=r"^timeout must be a finite number"):  # per call too
        client.chat("hi", timeout=value)


@pytest.mark.parametrize("value", [86_400.01, 1e300, 10**300], ids=["just-above-a-day", "1e300", "huge-int"])
def test_seconds_above_one_day_are_refused_naming_the_setting(value: Any) -> None:
    # socket.settimeout and time.sleep raise a raw OverflowError on such values (and an async sleep hangs).
    base = {"endpoint": "https://r.openai.azure.com", "api_key": "k", "deployment": "d"}
    for setting in ("timeout", "retry_backoff", "max_retry_wait"):
        with pytest.raises(ConfigurationError, match=f"^{setting} must be .* at most 86400|^{setting} .* to 86400"):
            AzureOpenAI(**base, **{setting: value})
    with pytest.raises(ConfigurationError, match=r"^timeout must be .* at most 86400 \(one day\)"):  # per call too
        AzureOpenAI(**base).chat("hi", timeout=value)
    with pytest.raises(ConfigurationError, match=r"^max_wait must be a number of seconds from 0 to 86400"):
        RetryPolicy(max_wait=value)
    assert AzureOpenAI(**base, timeout=86_400, max_retry_wait=86_400).config.retry.max_wait == 86_400  # the cap itself


@pytest.mark.parametrize(
    ("timeout", "named"),
    [
        (httpx.Timeout(-1.0), "connect=-1.0, read=-1.0, write=-1.0, pool=-1.0"),
        (httpx.Timeout(5.0, write=0.0), "write=0.0"),
        (httpx.Timeout(5.0, pool=1e300), "pool=1e+300"),
        (httpx.Timeout(5.0, read=None), "read=None"),
    ],
)
def test_a_timeout_object_with_a_negative_zero_or_huge_limit_is_refused_naming_it(
    timeout: httpx.Timeout, named: str
) -> None:
    base = {"endpoint": "https://r.openai.azure.com", "api_key": "k", "deployment": "d"}
    with pytest.raises(ConfigurationError, match="each limit must be a finite number of seconds > 0") as caught:
        AzureOpenAI(**base, timeout=timeout)
    assert str(caught.value).startswith(f"timeout {timeout!r} has {named}:")
    with pytest.raises(ConfigurationError, match="each limit must be"):  # per call too
        AzureOpenAI(**base).chat("hi", timeout=timeout)
    assert AzureOpenAI(**base, timeout=httpx.Timeout(5.0, write=None, pool=None)).http_client.timeout.write is None


def test_retry_settings_are_refused_by_the_clients_names_not_the_policys() -> None:
    for setting in ("retry_backoff", "max_retry_wait"):
        with pytest.raises(ConfigurationError, match=f"^{setting} must be") as caught:
            AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", **{setting: True})
        assert "True" in str(caught.value)
    with pytest.raises(ConfigurationError, match=r"^max_wait must be"):  # the policy alone, by its own names
        RetryPolicy(max_wait=float("nan"))


def test_bad_max_retries_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", max_retries=-1)


@pytest.mark.parametrize("value", [101, 5000, True])
def test_max_retries_above_100_is_refused_naming_the_cap(value: Any) -> None:
    with pytest.raises(ConfigurationError, match=r"^max_retries must be an int from 0 \(no retries\) to 100, got"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", max_retries=value)
    assert (
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", max_retries=100).config.retry.max_retries == 100
    )


def test_backoff_of_any_attempt_stays_within_max_backoff() -> None:
    # 2**1024 overflowed the float product: OverflowError at the 1025th retry (the emulator's or a policy's own).
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=8.0)
    assert all(6.0 <= policy.backoff(attempt) <= 8.0 for attempt in (5, 1024, 10**6))
    assert RetryPolicy(initial_backoff=0.0).backoff(5000) == 0.0


def test_a_retry_backoff_above_the_doubling_cap_is_waited_for() -> None:
    # retry_backoff=30 waited 6-8 s (max_backoff's default), though the max_retries error says to raise it.
    policy = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", retry_backoff=30).config.retry
    assert all(22.5 <= policy.backoff(attempt) <= 30.0 for attempt in (0, 1, 5))
    small = AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", retry_backoff=1).config.retry
    assert 6.0 <= small.backoff(5) <= 8.0  # below the cap, the doubling still stops at 8 s


def test_credentials_in_default_headers_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="default_headers must not carry 'api-key'"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", default_headers={"api-key": "x"})


def test_settings_of_the_wrong_type_are_refused_naming_the_setting_and_type() -> None:
    with pytest.raises(ConfigurationError, match=r"endpoint \(argument endpoint=\) must be a str .*got int"):
        AzureOpenAI(endpoint=5, api_key="k")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="default_headers must be a dict of str to str, got int"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", default_headers=5)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"deployment \(argument deployment=\) must be a str, not int"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", deployment=5)  # type: ignore[arg-type]


def test_wrong_http_client_kind_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"httpx\.Client"):
        AzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"httpx\.AsyncClient"):
        AsyncAzureOpenAI(endpoint="https://r.openai.azure.com", api_key="k", http_client=httpx.Client())  # type: ignore[arg-type]


async def test_async_client_shares_the_configuration(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("AZURE_OPENAI_ENDPOINT", "https://env-res.openai.azure.com/openai")
    clean_env.setenv("AZURE_OPENAI_AD_TOKEN", "tok")
    clean_env.setenv("AZURE_OPENAI_DEPLOYMENT", "dep")
    async with AsyncAzureOpenAI() as client:
        assert client.endpoint == "https://env-res.openai.azure.com"
        assert client.deployment == "dep"
        assert client.config.auth.kind == "azure_ad_token"
        assert client.api_version == azure_openai_rest.API_VERSION


_LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,20}[a-z0-9]", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(
    name=_LABEL,
    prefix=st.lists(_LABEL.filter(lambda label: label != "openai"), max_size=2),
    suffix=st.sampled_from(["", "/", "//", "/openai", "/openai/", "/OpenAI/"]),
)
def test_endpoint_spellings_normalise_to_one_form(name: str, prefix: list[str], suffix: str) -> None:
    base = f"https://{name}.openai.azure.com" + "".join(f"/{p}" for p in prefix)
    normalised = normalize_endpoint(base + suffix)
    assert normalised == base
    assert "//" not in normalised.split("://", 1)[1]
    assert not normalised.endswith("/")


def test_resolve_names_an_unknown_setting() -> None:
    with pytest.raises(ConfigurationError, match=r"unknown settings \['max_retry'\]"):
        ClientConfig.resolve(endpoint="https://r.openai.azure.com", api_key="k", max_retry=3, environ={})


@pytest.mark.parametrize("client_class", [AzureOpenAI, AsyncAzureOpenAI])
def test_a_misspelt_setting_is_named_by_the_public_class(client_class: type[Any]) -> None:
    # before: "_ClientCore.__init__() got an unexpected keyword argument", naming a private class
    with pytest.raises(ConfigurationError) as caught:
        client_class(endpoint="https://r.openai.azure.com", apikey="sk-secret-value", max_retry=3)
    message = str(caught.value)
    assert message.startswith(f"{client_class.__name__}() has no setting 'apikey', 'max_retry'; its settings are ")
    assert "api_key" in message and "max_retries" in message and "http_client" in message
    assert "sk-secret" not in message and "_ClientCore" not in message


def test_a_401_names_where_the_credential_came_from(clean_env: pytest.MonkeyPatch) -> None:
    with Emulator() as emu:
        routed = [
            Backend(emu.endpoint, "gpt-4", api_key="wrong", name="east"),
            Backend(emu.endpoint, "gpt-35-turbo", azure_ad_token="t", priority=1),
        ]
        clients = {
            "the api key (argument api_key=)": AzureOpenAI(endpoint=emu.endpoint, api_key="wrong", deployment="gpt-4"),
            f"the api key (argument api_key=) of Backend 'east' at {emu.endpoint}": AzureOpenAI(backends=routed),
            "that the azure ad token (argument azure_ad_token=) is for https://cognitiveservices": AzureOpenAI(
                endpoint=emu.endpoint, azure_ad_token="wrong", deployment="gpt-4"
            ),
        }
        clean_env.setenv("AZURE_OPENAI_API_KEY", "wrong")
        from_env = AzureOpenAI(endpoint=emu.endpoint, deployment="gpt-4")
        clients["the api key (environment variable AZURE_OPENAI_API_KEY)"] = from_env
        for source, client in clients.items():
            with client, pytest.raises(AuthenticationError) as caught:
                client.chat("hi")
            assert f"check {source}" in str(caught.value)
            assert ("AZURE_OPENAI_API_KEY" in str(caught.value)) == (client is from_env)
