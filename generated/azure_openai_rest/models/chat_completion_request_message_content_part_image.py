from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartImage")


@_attrs_define
class ChatCompletionRequestMessageContentPartImage:
    """
    Attributes:
        type_ (Literal['image_url']): Always `image_url`. Default: 'image_url'.
        image_url (ChatCompletionRequestMessageContentPartImageImageUrl | Unset):
    """

    type_: Literal["image_url"] = "image_url"
    image_url: ChatCompletionRequestMessageContentPartImageImageUrl | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        image_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_url, Unset):
            image_url = self.image_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            type_ = cast(Literal["image_url"], d.pop("type"))
            if type_ != "image_url":
                raise ValueError(f"type must match const 'image_url', got '{type_}'")

            _image_url = d.pop("image_url", UNSET)
            image_url: ChatCompletionRequestMessageContentPartImageImageUrl | Unset
            if isinstance(_image_url, Unset):
                image_url = UNSET
            else:
                image_url = ChatCompletionRequestMessageContentPartImageImageUrl.from_dict(_image_url)

            chat_completion_request_message_content_part_image = cls(
                type_=type_,
                image_url=image_url,
            )

            chat_completion_request_message_content_part_image.additional_properties = d
            return chat_completion_request_message_content_part_image

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


from ..models.chat_completion_request_message_content_part_image_image_url import (
    ChatCompletionRequestMessageContentPartImageImageUrl,
)
