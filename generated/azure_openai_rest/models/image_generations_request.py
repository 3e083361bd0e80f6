from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.image_quality import ImageQuality
from ..models.image_size import ImageSize
from ..models.image_style import ImageStyle
from ..models.images_response_format import ImagesResponseFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageGenerationsRequest")


@_attrs_define
class ImageGenerationsRequest:
    """
    Attributes:
        prompt (str | Unset): A text description of the desired image(s). The maximum length is 4000 characters.
            Example: a corgi in a field.
        n (int | Unset): The number of images to generate.

            Service default: `1`.
        size (ImageSize | Unset): The size of the generated images.

            Service default: `"1024x1024"`.
        response_format (ImagesResponseFormat | Unset): The format in which the generated images are returned.

            Service default: `"url"`.
        user (str | Unset): A unique identifier representing your end-user, which can help to monitor and detect abuse.
            Example: user123456.
        quality (ImageQuality | Unset): The quality of the image that will be generated.

            Service default: `"standard"`.
        style (ImageStyle | Unset): The style of the generated images.

            Service default: `"vivid"`.
    """

    prompt: str | Unset = UNSET
    n: int | Unset = UNSET
    size: ImageSize | Unset = UNSET
    response_format: ImagesResponseFormat | Unset = UNSET
    user: str | Unset = UNSET
    quality: ImageQuality | Unset = UNSET
    style: ImageStyle | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        n = self.n

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = ImageSize(self.size).value

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = ImagesResponseFormat(self.response_format).value

        user = self.user

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = ImageQuality(self.quality).value

        style: str | Unset = UNSET
        if not isinstance(self.style, Unset):
            style = ImageStyle(self.style).value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if n is not UNSET:
            field_dict["n"] = n
        if size is not UNSET:
            field_dict["size"] = size
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if user is not UNSET:
            field_dict["user"] = user
        if quality is not UNSET:
            field_dict["quality"] = quality
        if style is not UNSET:
            field_dict["style"] = style

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            prompt = d.pop("prompt", UNSET)

            n = d.pop("n", UNSET)

            _size = d.pop("size", UNSET)
            size: ImageSize | Unset
            if isinstance(_size, Unset):
                size = UNSET
            else:
                size = ImageSize._lookup(_size)

            _response_format = d.pop("response_format", UNSET)
            response_format: ImagesResponseFormat | Unset
            if isinstance(_response_format, Unset):
                response_format = UNSET
            else:
                response_format = ImagesResponseFormat._lookup(_response_format)

            user = d.pop("user", UNSET)

            _quality = d.pop("quality", UNSET)
            quality: ImageQuality | Unset
            if isinstance(_quality, Unset):
                quality = UNSET
            else:
                quality = ImageQuality._lookup(_quality)

            _style = d.pop("style", UNSET)
            style: ImageStyle | Unset
            if isinstance(_style, Unset):
                style = UNSET
            else:
                style = ImageStyle._lookup(_style)

            image_generations_request = cls(
                prompt=prompt,
                n=n,
                size=size,
                response_format=response_format,
                user=user,
                quality=quality,
                style=style,
            )

            image_generations_request.additional_properties = d
            return image_generations_request

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
