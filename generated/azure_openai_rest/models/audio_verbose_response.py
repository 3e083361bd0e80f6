from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..models.audio_verbose_response_task import AudioVerboseResponseTask
from ..types import UNSET, Unset

T = TypeVar("T", bound="AudioVerboseResponse")


@_attrs_define
class AudioVerboseResponse:
    """Translation or transcription response when response_format was verbose_json

    Attributes:
        text (None | str | Unset): Translated or transcribed text.
        task (AudioVerboseResponseTask | None | Unset):
        language (None | str | Unset): Language.
        duration (float | None | Unset): Duration.
        segments (list[AudioSegment] | None | Unset):
    """

    text: None | str | Unset = UNSET
    task: AudioVerboseResponseTask | None | Unset = UNSET
    language: None | str | Unset = UNSET
    duration: float | None | Unset = UNSET
    segments: list[AudioSegment] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        task: None | str | Unset
        if isinstance(self.task, Unset):
            task = UNSET
        elif isinstance(self.task, AudioVerboseResponseTask):
            task = AudioVerboseResponseTask(self.task).value
        else:
            task = self.task

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        duration: float | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        segments: list[dict[str, Any]] | None | Unset
        if isinstance(self.segments, Unset):
            segments = UNSET
        elif isinstance(self.segments, list):
            segments = []
            for segments_type_0_item_data in self.segments:
                segments_type_0_item = segments_type_0_item_data.to_dict()
                segments.append(segments_type_0_item)

        else:
            segments = self.segments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if task is not UNSET:
            field_dict["task"] = task
        if language is not UNSET:
            field_dict["language"] = language
        if duration is not UNSET:
            field_dict["duration"] = duration
        if segments is not UNSET:
            field_dict["segments"] = segments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            text: None | str | Unset = d.pop("text", UNSET)

            task: AudioVerboseResponseTask | None | Unset
            _task = d.pop("task", UNSET)
            if _task is None or isinstance(_task, Unset):
                task = _task
            else:
                if not isinstance(_task, str):
                    raise TypeError(f"expected AudioVerboseResponseTask | None | Unset, got {type(_task).__name__}")
                try:
                    task_type_0 = AudioVerboseResponseTask._lookup(_task)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected AudioVerboseResponseTask | None | Unset, got {type(_task).__name__}"
                    ) from None
                task = task_type_0

            language: None | str | Unset = d.pop("language", UNSET)

            duration: float | None | Unset = d.pop("duration", UNSET)

            segments: list[AudioSegment] | None | Unset
            _segments = d.pop("segments", UNSET)
            if _segments is None or isinstance(_segments, Unset):
                segments = _segments
            else:
                if not isinstance(_segments, list):
                    raise TypeError(f"expected list[AudioSegment] | None | Unset, got {type(_segments).__name__}")
                try:
                    segments_type_0 = []
                    _segments_type_0 = _segments
                    for segments_type_0_item_data in _segments_type_0:
                        segments_type_0_item = AudioSegment.from_dict(segments_type_0_item_data)

                        segments_type_0.append(segments_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[AudioSegment] | None | Unset, got {type(_segments).__name__}"
                    ) from None
                segments = segments_type_0

            audio_verbose_response = cls(
                text=text,
                task=task,
                language=language,
                duration=duration,
                segments=segments,
            )

            audio_verbose_response.additional_properties = d
            return audio_verbose_response

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


from ..models.audio_segment import AudioSegment
