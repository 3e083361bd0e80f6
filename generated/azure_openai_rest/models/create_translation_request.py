from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..errors import ResponseParseError
from ..models.audio_response_format import AudioResponseFormat
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="CreateTranslationRequest")


@_attrs_define
class CreateTranslationRequest:
    """Translation request.

    Attributes:
        file (File | Unset): The audio file to translate.
        prompt (str | Unset): An optional text to guide the model's style or continue a previous audio segment. The
            prompt should be in English.
        response_format (AudioResponseFormat | Unset): Defines the format of the output.
        temperature (float | Unset): The sampling temperature, between 0 and 1. Higher values like 0.8 will make the
            output more random, while lower values like 0.2 will make it more focused and deterministic. If set to 0, the
            model will use log probability to automatically increase the temperature until certain thresholds are hit.

            Service default: `0`.
    """

    file: File | Unset = UNSET
    prompt: str | Unset = UNSET
    response_format: AudioResponseFormat | Unset = UNSET
    temperature: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file: FileTypes | Unset = UNSET
        if not isinstance(self.file, Unset):
            file = self.file.to_tuple()

        prompt = self.prompt

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = AudioResponseFormat(self.response_format).value

        temperature = self.temperature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if file is not UNSET:
            field_dict["file"] = file
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.file, Unset):
            files.append(("file", self.file.to_tuple()))

        if not isinstance(self.prompt, Unset):
            files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.response_format, Unset):
            files.append(
                ("response_format", (None, str(AudioResponseFormat(self.response_format).value).encode(), "text/plain"))
            )

        if not isinstance(self.temperature, Unset):
            files.append(("temperature", (None, str(self.temperature).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            _file = d.pop("file", UNSET)
            file: File | Unset
            if isinstance(_file, Unset):
                file = UNSET
            else:
                file = File(payload=BytesIO(_file))

            prompt = d.pop("prompt", UNSET)

            _response_format = d.pop("response_format", UNSET)
            response_format: AudioResponseFormat | Unset
            if isinstance(_response_format, Unset):
                response_format = UNSET
            else:
                response_format = AudioResponseFormat._lookup(_response_format)

            temperature = d.pop("temperature", UNSET)

            create_translation_request = cls(
                file=file,
                prompt=prompt,
                response_format=response_format,
                temperature=temperature,
            )

            create_translation_request.additional_properties = d
            return create_translation_request

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
