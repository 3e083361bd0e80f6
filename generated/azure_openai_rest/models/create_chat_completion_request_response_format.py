from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.chat_completion_response_format import ChatCompletionResponseFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateChatCompletionRequestResponseFormat")


@_attrs_define
class CreateChatCompletionRequestResponseFormat:
    """An object specifying the format that the model must output. Used to enable JSON mode.

    Attributes:
        type_ (ChatCompletionResponseFormat | None | Unset):
    """

    type_: ChatCompletionResponseFormat | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ChatCompletionResponseFormat):
            type_ = ChatCompletionResponseFormat(self.type_).value
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_: ChatCompletionResponseFormat | None | Unset
            _type_ = d.pop("type", UNSET)
            if _type_ is None or isinstance(_type_, Unset):
                type_ = _type_
            else:
                if not isinstance(_type_, str):
                    raise TypeError(
                        f"expected ChatCompletionResponseFormat | None | Unset, got {type(_type_).__name__}"
                    )
                try:
                    type_type_0 = ChatCompletionResponseFormat._lookup(_type_)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected ChatCompletionResponseFormat | None | Unset, got {type(_type_).__name__}"
                    ) from None
                type_ = type_type_0

            create_chat_completion_request_response_format = cls(
                type_=type_,
            )

            create_chat_completion_request_response_format.additional_properties = d
            return create_chat_completion_request_response_format

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
