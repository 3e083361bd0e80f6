from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="AudioSegment")


@_attrs_define
class AudioSegment:
    """Transcription or translation segment.

    Attributes:
        id (int | None | Unset): Segment identifier.
        seek (float | None | Unset): Offset of the segment.
        start (float | None | Unset): Segment start offset.
        end (float | None | Unset): Segment end offset.
        text (None | str | Unset): Segment text.
        tokens (list[float] | None | Unset): Tokens of the text.
        temperature (float | None | Unset): Temperature.
        avg_logprob (float | None | Unset): Average log probability.
        compression_ratio (float | None | Unset): Compression ratio.
        no_speech_prob (float | None | Unset): Probability of 'no speech'.
    """

    id: int | None | Unset = UNSET
    seek: float | None | Unset = UNSET
    start: float | None | Unset = UNSET
    end: float | None | Unset = UNSET
    text: None | str | Unset = UNSET
    tokens: list[float] | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    avg_logprob: float | None | Unset = UNSET
    compression_ratio: float | None | Unset = UNSET
    no_speech_prob: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | None | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        seek: float | None | Unset
        if isinstance(self.seek, Unset):
            seek = UNSET
        else:
            seek = self.seek

        start: float | None | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        else:
            start = self.start

        end: float | None | Unset
        if isinstance(self.end, Unset):
            end = UNSET
        else:
            end = self.end

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        tokens: list[float] | None | Unset
        if isinstance(self.tokens, Unset):
            tokens = UNSET
        elif isinstance(self.tokens, list):
            tokens = self.tokens

        else:
            tokens = self.tokens

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        avg_logprob: float | None | Unset
        if isinstance(self.avg_logprob, Unset):
            avg_logprob = UNSET
        else:
            avg_logprob = self.avg_logprob

        compression_ratio: float | None | Unset
        if isinstance(self.compression_ratio, Unset):
            compression_ratio = UNSET
        else:
            compression_ratio = self.compression_ratio

        no_speech_prob: float | None | Unset
        if isinstance(self.no_speech_prob, Unset):
            no_speech_prob = UNSET
        else:
            no_speech_prob = self.no_speech_prob

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if seek is not UNSET:
            field_dict["seek"] = seek
        if start is not UNSET:
            field_dict["start"] = start
        if end is not UNSET:
            field_dict["end"] = end
        if text is not UNSET:
            field_dict["text"] = text
        if tokens is not UNSET:
            field_dict["tokens"] = tokens
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if avg_logprob is not UNSET:
            field_dict["avg_logprob"] = avg_logprob
        if compression_ratio is not UNSET:
            field_dict["compression_ratio"] = compression_ratio
        if no_speech_prob is not UNSET:
            field_dict["no_speech_prob"] = no_speech_prob

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            id: int | None | Unset = d.pop("id", UNSET)

            seek: float | None | Unset = d.pop("seek", UNSET)

            start: float | None | Unset = d.pop("start", UNSET)

            end: float | None | Unset = d.pop("end", UNSET)

            text: None | str | Unset = d.pop("text", UNSET)

            tokens: list[float] | None | Unset
            _tokens = d.pop("tokens", UNSET)
            if _tokens is None or isinstance(_tokens, Unset):
                tokens = _tokens
            else:
                if not isinstance(_tokens, list):
                    raise TypeError(f"expected list[float] | None | Unset, got {type(_tokens).__name__}")
                try:
                    tokens_type_0 = cast(list[float], _tokens)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected list[float] | None | Unset, got {type(_tokens).__name__}") from None
                tokens = tokens_type_0

            temperature: float | None | Unset = d.pop("temperature", UNSET)

            avg_logprob: float | None | Unset = d.pop("avg_logprob", UNSET)

            compression_ratio: float | None | Unset = d.pop("compression_ratio", UNSET)

            no_speech_prob: float | None | Unset = d.pop("no_speech_prob", UNSET)

            audio_segment = cls(
                id=id,
                seek=seek,
                start=start,
                end=end,
                text=text,
                tokens=tokens,
                temperature=temperature,
                avg_logprob=avg_logprob,
                compression_ratio=compression_ratio,
                no_speech_prob=no_speech_prob,
            )

            audio_segment.additional_properties = d
            return audio_segment

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
