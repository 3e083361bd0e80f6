from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AzureSearchIndexFieldMappingOptions")


@_attrs_define
class AzureSearchIndexFieldMappingOptions:
    """Optional settings to control how fields are processed when using a configured Azure Search resource.

    Attributes:
        title_field (str | Unset): The name of the index field to use as a title.
        url_field (str | Unset): The name of the index field to use as a URL.
        filepath_field (str | Unset): The name of the index field to use as a filepath.
        content_fields (list[str] | Unset): The names of index fields that should be treated as content.
        content_fields_separator (str | Unset): The separator pattern that content fields should use.
        vector_fields (list[str] | Unset): The names of fields that represent vector data.
    """

    title_field: str | Unset = UNSET
    url_field: str | Unset = UNSET
    filepath_field: str | Unset = UNSET
    content_fields: list[str] | Unset = UNSET
    content_fields_separator: str | Unset = UNSET
    vector_fields: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title_field = self.title_field

        url_field = self.url_field

        filepath_field = self.filepath_field

        content_fields: list[str] | Unset = UNSET
        if not isinstance(self.content_fields, Unset):
            content_fields = self.content_fields

        content_fields_separator = self.content_fields_separator

        vector_fields: list[str] | Unset = UNSET
        if not isinstance(self.vector_fields, Unset):
            vector_fields = self.vector_fields

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if title_field is not UNSET:
            field_dict["title_field"] = title_field
        if url_field is not UNSET:
            field_dict["url_field"] = url_field
        if filepath_field is not UNSET:
            field_dict["filepath_field"] = filepath_field
        if content_fields is not UNSET:
            field_dict["content_fields"] = content_fields
        if content_fields_separator is not UNSET:
            field_dict["content_fields_separator"] = content_fields_separator
        if vector_fields is not UNSET:
            field_dict["vector_fields"] = vector_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            title_field = d.pop("title_field", UNSET)

            url_field = d.pop("url_field", UNSET)

            filepath_field = d.pop("filepath_field", UNSET)

            content_fields = cast(list[str], d.pop("content_fields", UNSET))

            content_fields_separator = d.pop("content_fields_separator", UNSET)

            vector_fields = cast(list[str], d.pop("vector_fields", UNSET))

            azure_search_index_field_mapping_options = cls(
                title_field=title_field,
                url_field=url_field,
                filepath_field=filepath_field,
                content_fields=content_fields,
                content_fields_separator=content_fields_separator,
                vector_fields=vector_fields,
            )

            azure_search_index_field_mapping_options.additional_properties = d
            return azure_search_index_field_mapping_options

        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
