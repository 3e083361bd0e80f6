from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="Citation")


@_attrs_define
class Citation:
    """citation information for a chat completions response message.

    Attributes:
        content (None | str | Unset): The content of the citation.
        title (None | str | Unset): The title of the citation.
        url (None | str | Unset): The URL of the citation.
        filepath (None | str | Unset): The file path of the citation.
        chunk_id (None | str | Unset): The chunk ID of the citation.
    """

    content: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    url: None | str | Unset = UNSET
    filepath: None | str | Unset = UNSET
    chunk_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        filepath: None | str | Unset
        if isinstance(self.filepath, Unset):
            filepath = UNSET
        else:
            filepath = self.filepath

        chunk_id: None | str | Unset
        if isinstance(self.chunk_id, Unset):
            chunk_id = UNSET
        else:
            chunk_id = self.chunk_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if content is not UNSET:
            field_dict["content"] = content
        if title is not UNSET:
            field_dict["title"] = title
        if url is not UNSET:
            field_dict["url"] = url
        if filepath is not UNSET:
            field_dict["filepath"] = filepath
        if chunk_id is not UNSET:
            field_dict["chunk_id"] = chunk_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            content: None | str | Unset = d.pop("content", UNSET)

            title: None | str | Unset = d.pop("title", UNSET)

            url: None | str | Unset = d.pop("url", UNSET)

            filepath: None | str | Unset = d.pop("filepath", UNSET)

            chunk_id: None | str | Unset = d.pop("chunk_id", UNSET)

            citation = cls(
                content=content,
                title=title,
                url=url,
                filepath=filepath,
                chunk_id=chunk_id,
            )

            citation.additional_properties = d
            return citation

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
