from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.embeddings_create_body_encoding_format import EmbeddingsCreateBodyEncodingFormat
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbeddingsCreateBody")


@_attrs_define
class EmbeddingsCreateBody:
    """
    Attributes:
        input_ (list[str] | None | str | Unset): Input text to get embeddings for, encoded as a string. To get
            embeddings for multiple inputs in a single request, pass an array of strings. Each input must not exceed 2048
            tokens in length.
            Unless you are embedding code, we suggest replacing newlines (\\n) in your input with a single space, as we have
            observed inferior results when newlines are present.
        user (str | Unset): A unique identifier representing your end-user, which can help monitoring and detecting
            abuse.
        input_type (str | Unset): input type of embedding search to use Example: query.
        encoding_format (EmbeddingsCreateBodyEncodingFormat | Unset): The format of the returned vectors: a list of
            floats, or base64 float32.
    """

    input_: list[str] | None | str | Unset = UNSET
    user: str | Unset = UNSET
    input_type: str | Unset = UNSET
    encoding_format: EmbeddingsCreateBodyEncodingFormat | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_: list[str] | None | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        elif isinstance(self.input_, list):
            input_ = self.input_

        else:
            input_ = self.input_

        user = self.user

        input_type = self.input_type

        encoding_format: str | Unset = UNSET
        if not isinstance(self.encoding_format, Unset):
            encoding_format = EmbeddingsCreateBodyEncodingFormat(self.encoding_format).value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if user is not UNSET:
            field_dict["user"] = user
        if input_type is not UNSET:
            field_dict["input_type"] = input_type
        if encoding_format is not UNSET:
            field_dict["encoding_format"] = encoding_format

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)

            def _parse_input_(data: object) -> list[str] | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    input_type_1 = cast(list[str], data)

                    return input_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(list[str] | None | str | Unset, data)

            input_ = _parse_input_(d.pop("input", UNSET))

            user = d.pop("user", UNSET)

            input_type = d.pop("input_type", UNSET)

            _encoding_format = d.pop("encoding_format", UNSET)
            encoding_format: EmbeddingsCreateBodyEncodingFormat | Unset
            if isinstance(_encoding_format, Unset):
                encoding_format = UNSET
            else:
                encoding_format = EmbeddingsCreateBodyEncodingFormat._lookup(_encoding_format)

            embeddings_create_body = cls(
                input_=input_,
                user=user,
                input_type=input_type,
                encoding_format=encoding_format,
            )

            embeddings_create_body.additional_properties = d
            return embeddings_create_body

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
