"""On Your Data (api-version 2024-02-01): typed ``data_sources`` for Azure AI Search and Azure Cosmos DB, and the
citations and intent the service returns in ``message.context``.

``azure_search(...)`` / ``cosmos_db(...)`` build the request JSON (``client.chat(..., data_sources=[...])``); the
returned ``DataSource`` is a dict, so it serialises as is, but its ``repr`` hides keys and connection strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._results.chat import ChatResult

__all__ = [
    "Citation",
    "DataSource",
    "OnYourDataResult",
    "azure_search",
    "citations_of",
    "cosmos_db",
    "intent_of",
]

QueryType = Literal["simple", "semantic", "vector", "vector_simple_hybrid", "vector_semantic_hybrid"]
_QUERY_TYPES = ("simple", "semantic", "vector", "vector_simple_hybrid", "vector_semantic_hybrid")
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


def _authentication(
    api_key: str | None, managed_identity_resource_id: str | None, system_assigned_identity: bool
) -> dict[str, Any]:
    chosen = sum((api_key is not None, managed_identity_resource_id is not None, system_assigned_identity))
    if chosen != 1:
        raise ValueError(
            "azure_search needs exactly one way to authenticate to the search service: api_key=..., "
            "managed_identity_resource_id=... (user-assigned) or system_assigned_identity=True"
        )
    if api_key is not None:
        return {"type": "api_key", "key": api_key}
    if managed_identity_resource_id is not None:
        return {"type": "user_assigned_managed_identity", "managed_identity_resource_id": managed_identity_resource_id}
    return {"type": "system_assigned_managed_identity"}


def _embedding(
    deployment: str | None, endpoint: str | None, api_key: str | None, required: bool
) -> dict[str, Any] | None:
    if deployment is not None and endpoint is not None:
        raise ValueError("pass embedding_deployment= or embedding_endpoint=, not both")
    if deployment is not None:
        return {"type": "deployment_name", "deployment_name": deployment}
    if endpoint is not None:
        if api_key is None:
            raise ValueError("embedding_endpoint= needs embedding_api_key= (the key of that endpoint)")
        return {"type": "endpoint", "endpoint": endpoint, "authentication": {"type": "api_key", "key": api_key}}
    if required:
        raise ValueError(
            "cosmos_db needs an embedding model for vector search: embedding_deployment='<your embeddings "
            "deployment>' (or embedding_endpoint= with embedding_api_key=)"
        )
    return None


def _common(
    parameters: dict[str, Any],
    top_n_documents: int | None,
    in_scope: bool | None,
    strictness: int | None,
    role_information: str | None,
) -> None:
    if strictness is not None and not 1 <= strictness <= 5:
        raise ValueError(f"strictness must be 1 (lenient) to 5 (strict), got {strictness}")
    if top_n_documents is not None and top_n_documents < 1:
        raise ValueError(f"top_n_documents must be at least 1, got {top_n_documents}")
    for name, value in (
        ("top_n_documents", top_n_documents),
        ("in_scope", in_scope),
        ("strictness", strictness),
        ("role_information", role_information),
    ):
        if value is not None:
            parameters[name] = value


def _fields(
    *,
    content_fields: Sequence[str] | None,
    vector_fields: Sequence[str] | None,
    title_field: str | None,
    url_field: str | None,
    filepath_field: str | None,
    content_fields_separator: str | None,
) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for name, value in (
        ("title_field", title_field),
        ("url_field", url_field),
        ("filepath_field", filepath_field),
        ("content_fields_separator", content_fields_separator),
    ):
        if value is not None:
            mapping[name] = value
    for name, values in (("content_fields", content_fields), ("vector_fields", vector_fields)):
        if values is not None:
            if isinstance(values, str):
                raise TypeError(f"{name} takes a list of field names, e.g. [{values!r}]")
            mapping[name] = list(values)
    return mapping


def azure_search(
    *,
    endpoint: str,
    index_name: str,
    api_key: str | None = None,
    managed_identity_resource_id: str | None = None,
    system_assigned_identity: bool = False,
    query_type: QueryType | None = None,
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
    if not endpoint.startswith("https://"):
        raise ValueError(
            "endpoint must be the https URL of the search service, e.g. https://NAME.search.windows.net, "
            f"got {endpoint!r}"
        )
    if query_type is not None and query_type not in _QUERY_TYPES:
        raise ValueError(f"query_type must be one of {', '.join(_QUERY_TYPES)}, got {query_type!r}")
    if query_type in ("semantic", "vector_semantic_hybrid") and semantic_configuration is None:
        raise ValueError(
            f"query_type {query_type!r} needs semantic_configuration='<name of the index's semantic configuration>'"
        )
    embedding = _embedding(embedding_deployment, embedding_endpoint, embedding_api_key, required=False)
    if query_type is not None and query_type.startswith("vector") and embedding is None:
        raise ValueError(f"query_type {query_type!r} needs embedding_deployment='<your embeddings deployment>'")
    parameters: dict[str, Any] = {
        "endpoint": endpoint,
        "index_name": index_name,
        "authentication": _authentication(api_key, managed_identity_resource_id, system_assigned_identity),
    }
    _common(parameters, top_n_documents, in_scope, strictness, role_information)
    mapping = _fields(
        content_fields=content_fields,
        vector_fields=vector_fields,
        title_field=title_field,
        url_field=url_field,
        filepath_field=filepath_field,
        content_fields_separator=content_fields_separator,
    )
    if mapping:
        parameters["fields_mapping"] = mapping
    for name, value in (
        ("query_type", query_type),
        ("semantic_configuration", semantic_configuration),
        ("filter", filter),
    ):
        if value is not None:
            parameters[name] = value
    if embedding is not None:
        parameters["embedding_dependency"] = embedding
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
        raise ValueError("cosmos_db needs content_fields=[...] and vector_fields=[...] (the index's field names)")
    parameters: dict[str, Any] = {
        "authentication": {"type": "connection_string", "connection_string": connection_string},
        "database_name": database_name,
        "container_name": container_name,
        "index_name": index_name,
        "fields_mapping": _fields(
            content_fields=content_fields,
            vector_fields=vector_fields,
            title_field=title_field,
            url_field=url_field,
            filepath_field=filepath_field,
            content_fields_separator=content_fields_separator,
        ),
        "embedding_dependency": _embedding(embedding_deployment, embedding_endpoint, embedding_api_key, required=True),
    }
    _common(parameters, top_n_documents, in_scope, strictness, role_information)
    return DataSource(type="azure_cosmos_db", parameters=parameters)


class Citation:
    """One retrieved document the answer drew on; ``raw`` keeps every field the service sent."""

    __slots__ = ("chunk_id", "content", "filepath", "raw", "title", "url")

    def __init__(
        self,
        content: str | None = None,
        title: str | None = None,
        url: str | None = None,
        filepath: str | None = None,
        chunk_id: str | None = None,
        raw: Mapping[str, Any] | None = None,
    ) -> None:
        self.content = content
        self.title = title
        self.url = url
        self.filepath = filepath
        self.chunk_id = chunk_id
        self.raw: Mapping[str, Any] = raw if raw is not None else {}

    def _key(self) -> tuple[str | None, ...]:
        return (self.content, self.title, self.url, self.filepath, self.chunk_id)

    def __eq__(self, other: object) -> bool:
        """Equal when the five fields are (``raw`` is not compared)."""
        return self._key() == other._key() if isinstance(other, Citation) else NotImplemented

    def __hash__(self) -> int:
        """Hash of the five fields."""
        return hash(self._key())

    def __repr__(self) -> str:
        """The title, file path, URL and chunk id (not the content)."""
        return (
            f"Citation(title={self.title!r}, filepath={self.filepath!r}, url={self.url!r}, chunk_id={self.chunk_id!r})"
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Citation:
        """Build from one entry of ``message.context.citations``."""
        return cls(
            content=data.get("content"),
            title=data.get("title"),
            url=data.get("url"),
            filepath=data.get("filepath"),
            chunk_id=data.get("chunk_id"),
            raw=data,
        )


def _context(result: ChatResult) -> Mapping[str, Any]:
    choices = result.raw.get("choices") or []
    message = (choices[0].get("message") or {}) if choices else {}
    context = message.get("context")
    return context if isinstance(context, Mapping) else {}


def citations_of(result: ChatResult) -> list[Citation]:
    """The citations of the first choice (``message.context.citations``; ``[]`` without On Your Data)."""
    citations = _context(result).get("citations") or []
    return [Citation.from_json(c) for c in citations if isinstance(c, Mapping)]


def intent_of(result: ChatResult) -> str | None:
    """The intent the service detected (``message.context.intent``), to carry into the next turn."""
    intent = _context(result).get("intent")
    return intent if isinstance(intent, str) else None


class OnYourDataResult(ChatResult):
    """A chat result with the On Your Data ``citations`` and ``intent`` of its first choice."""

    __slots__ = ()

    @classmethod
    def of(cls, result: ChatResult) -> OnYourDataResult:
        """The same result with ``.citations`` and ``.intent`` (e.g. of a stream's ``final()``)."""
        return cls(result.raw, result.response)

    @property
    def citations(self) -> list[Citation]:
        """The retrieved documents the answer drew on."""
        return citations_of(self)

    @property
    def intent(self) -> str | None:
        """The detected intent of the question."""
        return intent_of(self)
