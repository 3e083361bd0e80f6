"""On Your Data: ``data_sources`` for Azure AI Search and Azure Cosmos DB, and the result with their citations.

``azure_search(...)`` / ``cosmos_db(...)`` check what the service would refuse and build the request JSON of the
spec's data-source schemas (``client.chat(..., data_sources=[...])``); the returned ``DataSource`` is a dict, so
it serialises as is, but its ``repr`` hides keys and connection strings. What the service answers, the
``citations`` and ``intent`` of ``message.context``, is read from the generated models by ``ChatResult``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import ConfigurationError
from .._results.chat import ChatResult
from .._results.schemas import Citation

if TYPE_CHECKING:
    from azure_openai_rest.models.azure_search_query_type import AzureSearchQueryType

__all__ = ["Citation", "DataSource", "OnYourDataResult", "azure_search", "cosmos_db"]

_SECRET_KEYS = frozenset(("key", "connection_string"))


def _redacted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: ("***" if k in _SECRET_KEYS and v else _redacted(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


class DataSource(dict[str, Any]):
    """One ``data_sources`` entry (a dict, sent as is); its repr and str hide keys and connection strings."""

    def __repr__(self) -> str:
        """The JSON with secrets replaced by ``***``."""
        return f"DataSource({_redacted(dict(self))!r})"

    __str__ = __repr__


def _sent(**fields: Any) -> dict[str, Any]:
    """The fields that were given: the service reads a missing field as its default, not ``null``."""
    return {name: value for name, value in fields.items() if value is not None}


def _authentication(api_key: str | None, identity_id: str | None, system_identity: bool) -> dict[str, Any]:
    if sum((api_key is not None, identity_id is not None, system_identity)) != 1:
        raise ConfigurationError(
            "azure_search needs exactly one way to authenticate to the search service: api_key=..., "
            "managed_identity_resource_id=... (user-assigned) or system_assigned_identity=True"
        )
    if api_key is not None:
        return {"type": "api_key", "key": api_key}
    if identity_id is not None:
        return {"type": "user_assigned_managed_identity", "managed_identity_resource_id": identity_id}
    return {"type": "system_assigned_managed_identity"}


def _embedding(deployment: str | None, endpoint: str | None, api_key: str | None) -> dict[str, Any] | None:
    if deployment is not None and endpoint is not None:
        raise ConfigurationError("pass embedding_deployment= or embedding_endpoint=, not both")
    if endpoint is not None:
        if api_key is None:
            raise ConfigurationError("embedding_endpoint= needs embedding_api_key= (the key of that endpoint)")
        return {"type": "endpoint", "endpoint": endpoint, "authentication": {"type": "api_key", "key": api_key}}
    return {"type": "deployment_name", "deployment_name": deployment} if deployment is not None else None


def _retrieval(top_n_documents: int | None, strictness: int | None, **rest: Any) -> dict[str, Any]:
    """The retrieval settings both sources share, checked against the ranges the service accepts."""
    if strictness is not None and not 1 <= strictness <= 5:
        raise ConfigurationError(f"strictness must be 1 (lenient) to 5 (strict), got {strictness}")
    if top_n_documents is not None and top_n_documents < 1:
        raise ConfigurationError(f"top_n_documents must be at least 1, got {top_n_documents}")
    return _sent(top_n_documents=top_n_documents, strictness=strictness, **rest)


def _fields(content_fields: Sequence[str] | None, vector_fields: Sequence[str] | None, **rest: Any) -> dict[str, Any]:
    for name, values in (("content_fields", content_fields), ("vector_fields", vector_fields)):
        if isinstance(values, str):
            raise ConfigurationError(f"{name} takes a list of field names, e.g. [{values!r}]")
    return _sent(
        **rest,
        content_fields=list(content_fields) if content_fields is not None else None,
        vector_fields=list(vector_fields) if vector_fields is not None else None,
    )


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
    top_n_documents: int | None = None,
    in_scope: bool | None = None,
    strictness: int | None = None,
    role_information: str | None = None,
    content_fields: Sequence[str] | None = None,
    vector_fields: Sequence[str] | None = None,
    title_field: str | None = None,
    url_field: str | None = None,
    filepath_field: str | None = None,
    content_fields_separator: str | None = None,
    embedding_deployment: str | None = None,
    embedding_endpoint: str | None = None,
    embedding_api_key: str | None = None,
) -> DataSource:
    """An Azure AI Search data source (``type: azure_search``) for ``data_sources=[...]``."""
    from azure_openai_rest.models.azure_search_query_type import AzureSearchQueryType

    if not endpoint.startswith("https://"):
        raise ConfigurationError(
            "endpoint must be the https URL of the search service, e.g. https://NAME.search.windows.net, "
            f"got {endpoint!r}"
        )
    known = [kind.value for kind in AzureSearchQueryType]  # the spec's (the enum also takes unknown values)
    query = str(query_type) if query_type is not None else None
    if query is not None and query not in known:
        raise ConfigurationError(f"query_type must be one of {', '.join(known)}, got {query!r}")
    if query in ("semantic", "vector_semantic_hybrid") and semantic_configuration is None:
        raise ConfigurationError(
            f"query_type {query!r} needs semantic_configuration='<name of the index's semantic configuration>'"
        )
    embedding = _embedding(embedding_deployment, embedding_endpoint, embedding_api_key)
    if query is not None and query.startswith("vector") and embedding is None:
        raise ConfigurationError(f"query_type {query!r} needs embedding_deployment='<your embeddings deployment>'")
    mapping = _fields(
        content_fields,
        vector_fields,
        title_field=title_field,
        url_field=url_field,
        filepath_field=filepath_field,
        content_fields_separator=content_fields_separator,
    )
    parameters = _retrieval(
        top_n_documents,
        strictness,
        endpoint=endpoint,
        index_name=index_name,
        authentication=_authentication(api_key, managed_identity_resource_id, system_assigned_identity),
        in_scope=in_scope,
        role_information=role_information,
        fields_mapping=mapping or None,
        query_type=query,
        semantic_configuration=semantic_configuration,
        filter=filter,
        embedding_dependency=embedding,
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
    embedding_deployment: str | None = None,
    embedding_endpoint: str | None = None,
    embedding_api_key: str | None = None,
    title_field: str | None = None,
    url_field: str | None = None,
    filepath_field: str | None = None,
    content_fields_separator: str | None = None,
    top_n_documents: int | None = None,
    in_scope: bool | None = None,
    strictness: int | None = None,
    role_information: str | None = None,
) -> DataSource:
    """An Azure Cosmos DB for MongoDB vCore data source (``type: azure_cosmos_db``) for ``data_sources=[...]``."""
    if not content_fields or not vector_fields:
        raise ConfigurationError(
            "cosmos_db needs content_fields=[...] and vector_fields=[...] (the index's field names)"
        )
    embedding = _embedding(embedding_deployment, embedding_endpoint, embedding_api_key)
    if embedding is None:
        raise ConfigurationError(
            "cosmos_db needs an embedding model for vector search: embedding_deployment='<your embeddings "
            "deployment>' (or embedding_endpoint= with embedding_api_key=)"
        )
    parameters = _retrieval(
        top_n_documents,
        strictness,
        authentication={"type": "connection_string", "connection_string": connection_string},
        database_name=database_name,
        container_name=container_name,
        index_name=index_name,
        fields_mapping=_fields(
            content_fields,
            vector_fields,
            title_field=title_field,
            url_field=url_field,
            filepath_field=filepath_field,
            content_fields_separator=content_fields_separator,
        ),
        embedding_dependency=embedding,
        in_scope=in_scope,
        role_information=role_information,
    )
    return DataSource(type="azure_cosmos_db", parameters=parameters)


class OnYourDataResult(ChatResult):
    """A chat result of an On Your Data call: ``citations`` and ``intent`` (which every ``ChatResult`` reads)."""

    __slots__ = ()

    @classmethod
    def of(cls, result: ChatResult) -> OnYourDataResult:
        """The same result as an ``OnYourDataResult`` (e.g. of a stream's ``final()``)."""
        return cls(result.raw, result.response)
