from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AudioResponse")


@_attrs_define
class AudioResponse:
    """Translation or transcription response when response_format was json

    Attributes:
        text (str | Unset): Translated or transcribed text.
    """

    text: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            text = d.pop("text", UNSET)

            audio_response = cls(
                text=text,
            )

            audio_response.additional_properties = d
            return audio_response

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
