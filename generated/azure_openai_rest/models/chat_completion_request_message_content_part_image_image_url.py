from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.image_detail_level import ImageDetailLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartImageImageUrl")


@_attrs_define
class ChatCompletionRequestMessageContentPartImageImageUrl:
    """
    Attributes:
        url (str | Unset): Either a URL of the image or the base64 encoded image data.
        detail (ImageDetailLevel | Unset): Specifies the detail level of the image.

            Service default: `"auto"`.
    """

    url: str | Unset = UNSET
    detail: ImageDetailLevel | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        detail: str | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = ImageDetailLevel(self.detail).value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            url = d.pop("url", UNSET)

            _detail = d.pop("detail", UNSET)
            detail: ImageDetailLevel | Unset
            if isinstance(_detail, Unset):
                detail = UNSET
            else:
                detail = ImageDetailLevel._lookup(_detail)

            chat_completion_request_message_content_part_image_image_url = cls(
                url=url,
                detail=detail,
            )

            chat_completion_request_message_content_part_image_image_url.additional_properties = d
            return chat_completion_request_message_content_part_image_image_url

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
