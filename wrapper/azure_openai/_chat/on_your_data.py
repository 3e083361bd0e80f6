"""On Your Data: ``data_sources`` for Azure AI Search and Azure Cosmos DB, checked before sending, and the result."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from .._errors import ConfigurationError
from .._results.chat import ChatResult
from .._results.schemas import Citation

if TYPE_CHECKING:
    from azure_openai_rest.models.azure_search_query_type import AzureSearchQueryType
    from typing_extensions import Unpack

__all__ = ["Citation", "DataSource", "OnYourDataResult", "SourceOptions", "azure_search", "cosmos_db"]

#: Credential-like field names, as the authentication schemas of the api-versions name them (key,
#: connection_string, access_token, encoded_api_key, password), and the like; not key_id.
_SECRET = re.compile(r"(?:^|_)(?:key|secret|password|token|connection_string)$")


def _redacted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: ("***" if v and _SECRET.search(str(k)) else _redacted(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


class DataSource(dict[str, Any]):
    """One ``data_sources`` entry (a dict, sent as is); its repr and str hide keys, tokens, passwords and
    connection strings."""

    def __repr__(self) -> str:
        """The JSON with secrets replaced by ``***``."""
        return f"DataSource({_redacted(dict(self))!r})"

    __str__ = __repr__


class SourceOptions(TypedDict, total=False):
    """What both data sources take besides their connection: retrieval settings, field names, embedding model."""

    top_n_documents: int | None
    in_scope: bool | None
    strictness: int | None
    role_information: str | None
    title_field: str | None
    url_field: str | None
    filepath_field: str | None
    content_fields_separator: str | None
    embedding_deployment: str | None
    embedding_endpoint: str | None
    embedding_api_key: str | None


def _sent(**fields: Any) -> dict[str, Any]:
    """The fields that were given: the service reads a missing field as its default, not ``null``."""
    return {name: value for name, value in fields.items() if value is not None}


def _embedding(options: SourceOptions) -> dict[str, Any] | None:
    deployment, endpoint = options.get("embedding_deployment"), options.get("embedding_endpoint")
    if deployment is not None and endpoint is not None:
        raise ConfigurationError("pass embedding_deployment= or embedding_endpoint=, not both")
    if endpoint is not None:
        api_key = options.get("embedding_api_key")
        if api_key is None:
            raise ConfigurationError("embedding_endpoint= needs embedding_api_key= (the key of that endpoint)")
        return {"type": "endpoint", "endpoint": endpoint, "authentication": {"type": "api_key", "key": api_key}}
    return {"type": "deployment_name", "deployment_name": deployment} if deployment is not None else None


def _parameters(
    source: str,
    options: SourceOptions,
    content_fields: Sequence[str] | None,
    vector_fields: Sequence[str] | None,
    **connection: Any,
) -> dict[str, Any]:
    """The ``parameters`` of a data source: its ``connection`` fields, then what ``SourceOptions`` set."""
    unknown = sorted(set(options) - set(SourceOptions.__annotations__))
    if unknown:
        raise TypeError(f"{source}() got an unexpected keyword argument {unknown[0]!r}")
    strictness, top_n = options.get("strictness"), options.get("top_n_documents")
    if strictness is not None and (not isinstance(strictness, int) or not 1 <= strictness <= 5):
        raise ConfigurationError(f"strictness must be an int from 1 (lenient) to 5 (strict), got {strictness!r}")
    if top_n is not None and (not isinstance(top_n, int) or top_n < 1):
        raise ConfigurationError(f"top_n_documents must be an int of at least 1, got {top_n!r}")
    for name, values in (("content_fields", content_fields), ("vector_fields", vector_fields)):
        if isinstance(values, str):
            raise ConfigurationError(f"{name} takes a list of field names, e.g. [{values!r}]")
    mapping = _sent(
        **{name: options.get(name) for name in ("title_field", "url_field", "filepath_field")},
        content_fields_separator=options.get("content_fields_separator"),
        content_fields=list(content_fields) if content_fields is not None else None,
        vector_fields=list(vector_fields) if vector_fields is not None else None,
    )
    retrieval = {name: options.get(name) for name in ("top_n_documents", "in_scope", "strictness", "role_information")}
    return _sent(**connection, **retrieval, fields_mapping=mapping or None, embedding_dependency=_embedding(options))


def azure_search(
    *,
    endpoint: str,
    index_name: str,
    api_key: str | None = None,
    managed_identity_resource_id: str | None = None,
    system_assigned_identity: bool = False,
    query_type: AzureSearchQueryType | str | None = None,
    semantic_configuration: str | None = None,
    filter: str | None = None,
    content_fields: Sequence[str] | None = None,
    vector_fields: Sequence[str] | None = None,
    **options: Unpack[SourceOptions],
) -> DataSource:
    """An Azure AI Search data source (``type: azure_search``) for ``data_sources=[...]``."""
    from azure_openai_rest.models.azure_search_query_type import AzureSearchQueryType

    if not isinstance(endpoint, str) or not endpoint.startswith("https://"):
        raise ConfigurationError(
            "endpoint must be the https URL of the search service, e.g. https://NAME.search.windows.net, "
            f"got {endpoint!r}"
        )
    if sum((api_key is not None, managed_identity_resource_id is not None, system_assigned_identity)) != 1:
        raise ConfigurationError(
            "azure_search needs exactly one way to authenticate to the search service: api_key=..., "
            "managed_identity_resource_id=... (user-assigned) or system_assigned_identity=True"
        )
    known = [kind.value for kind in AzureSearchQueryType]  # the spec's (the enum also takes unknown values)
    query = str(query_type) if query_type is not None else None
    if query is not None and query not in known:
        raise ConfigurationError(f"query_type must be one of {', '.join(known)}, got {query!r}")
    if query in ("semantic", "vector_semantic_hybrid") and semantic_configuration is None:
        raise ConfigurationError(
            f"query_type {query!r} needs semantic_configuration='<name of the index's semantic configuration>'"
        )
    if query is not None and query.startswith("vector") and _embedding(options) is None:
        raise ConfigurationError(f"query_type {query!r} needs embedding_deployment='<your embeddings deployment>'")
    if api_key is not None:
        authentication = {"type": "api_key", "key": api_key}
    elif managed_identity_resource_id is not None:
        authentication = {
            "type": "user_assigned_managed_identity",
            "managed_identity_resource_id": managed_identity_resource_id,
        }
    else:
        authentication = {"type": "system_assigned_managed_identity"}
    parameters = _parameters(
        "azure_search",
        options,
        content_fields,
        vector_fields,
        endpoint=endpoint,
        index_name=index_name,
        authentication=authentication,
        query_type=query,
        semantic_configuration=semantic_configuration,
        filter=filter,
    )
    return DataSource(type="azure_search", parameters=parameters)


def cosmos_db(
    *,
    connection_string: str,
    database_name: str,
    container_name: str,
    index_name: str,
    content_fields: Sequence[str],
    vector_fields: Sequence[str],
    **options: Unpack[SourceOptions],
) -> DataSource:
    """An Azure Cosmos DB for MongoDB vCore data source (``type: azure_cosmos_db``) for ``data_sources=[...]``."""
    if not content_fields or not vector_fields:
        raise ConfigurationError(
            "cosmos_db needs content_fields=[...] and vector_fields=[...] (the index's field names)"
        )
    if _embedding(options) is None:
        raise ConfigurationError(
            "cosmos_db needs an embedding model for vector search: embedding_deployment='<your embeddings "
            "deployment>' (or embedding_endpoint= with embedding_api_key=)"
        )
    parameters = _parameters(
        "cosmos_db",
        options,
        content_fields,
        vector_fields,
        authentication={"type": "connection_string", "connection_string": connection_string},
        database_name=database_name,
        container_name=container_name,
        index_name=index_name,
    )
    return DataSource(type="azure_cosmos_db", parameters=parameters)


class OnYourDataResult(ChatResult):
    """A chat result of an On Your Data call: ``citations`` and ``intent`` (which every ``ChatResult`` reads)."""

    __slots__ = ()

    @classmethod
    def of(cls, result: ChatResult) -> OnYourDataResult:
        """The same result as an ``OnYourDataResult`` (e.g. of a stream's ``final()``)."""
        return cls(result.raw, result.response)
