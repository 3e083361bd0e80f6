from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionsCreateResponse200ChoicesItemLogprobs")


@_attrs_define
class CompletionsCreateResponse200ChoicesItemLogprobs:
    """
    Attributes:
        tokens (list[str] | None | Unset):
        token_logprobs (list[float] | None | Unset):
        top_logprobs (list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset):
        text_offset (list[int] | None | Unset):
    """

    tokens: list[str] | None | Unset = UNSET
    token_logprobs: list[float] | None | Unset = UNSET
    top_logprobs: list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset = UNSET
    text_offset: list[int] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tokens: list[str] | None | Unset
        if isinstance(self.tokens, Unset):
            tokens = UNSET
        elif isinstance(self.tokens, list):
            tokens = self.tokens

        else:
            tokens = self.tokens

        token_logprobs: list[float] | None | Unset
        if isinstance(self.token_logprobs, Unset):
            token_logprobs = UNSET
        elif isinstance(self.token_logprobs, list):
            token_logprobs = self.token_logprobs

        else:
            token_logprobs = self.token_logprobs

        top_logprobs: list[dict[str, Any]] | None | Unset
        if isinstance(self.top_logprobs, Unset):
            top_logprobs = UNSET
        elif isinstance(self.top_logprobs, list):
            top_logprobs = []
            for top_logprobs_type_0_item_data in self.top_logprobs:
                top_logprobs_type_0_item = top_logprobs_type_0_item_data.to_dict()
                top_logprobs.append(top_logprobs_type_0_item)

        else:
            top_logprobs = self.top_logprobs

        text_offset: list[int] | None | Unset
        if isinstance(self.text_offset, Unset):
            text_offset = UNSET
        elif isinstance(self.text_offset, list):
            text_offset = self.text_offset

        else:
            text_offset = self.text_offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tokens is not UNSET:
            field_dict["tokens"] = tokens
        if token_logprobs is not UNSET:
            field_dict["token_logprobs"] = token_logprobs
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs
        if text_offset is not UNSET:
            field_dict["text_offset"] = text_offset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            tokens: list[str] | None | Unset
            _tokens = d.pop("tokens", UNSET)
            if _tokens is None or isinstance(_tokens, Unset):
                tokens = _tokens
            else:
                if not isinstance(_tokens, list):
                    raise TypeError(f"expected list[str] | None | Unset, got {type(_tokens).__name__}")
                try:
                    tokens_type_0 = cast(list[str], _tokens)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected list[str] | None | Unset, got {type(_tokens).__name__}") from None
                tokens = tokens_type_0

            token_logprobs: list[float] | None | Unset
            _token_logprobs = d.pop("token_logprobs", UNSET)
            if _token_logprobs is None or isinstance(_token_logprobs, Unset):
                token_logprobs = _token_logprobs
            else:
                if not isinstance(_token_logprobs, list):
                    raise TypeError(f"expected list[float] | None | Unset, got {type(_token_logprobs).__name__}")
                try:
                    token_logprobs_type_0 = cast(list[float], _token_logprobs)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[float] | None | Unset, got {type(_token_logprobs).__name__}"
                    ) from None
                token_logprobs = token_logprobs_type_0

            top_logprobs: list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset
            _top_logprobs = d.pop("top_logprobs", UNSET)
            if _top_logprobs is None or isinstance(_top_logprobs, Unset):
                top_logprobs = _top_logprobs
            else:
                if not isinstance(_top_logprobs, list):
                    raise TypeError(
                        f"expected list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset, got {type(_top_logprobs).__name__}"
                    )
                try:
                    top_logprobs_type_0 = []
                    _top_logprobs_type_0 = _top_logprobs
                    for top_logprobs_type_0_item_data in _top_logprobs_type_0:
                        top_logprobs_type_0_item = (
                            CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem.from_dict(
                                top_logprobs_type_0_item_data
                            )
                        )

                        top_logprobs_type_0.append(top_logprobs_type_0_item)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(
                        f"expected list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset, got {type(_top_logprobs).__name__}"
                    ) from None
                top_logprobs = top_logprobs_type_0

            text_offset: list[int] | None | Unset
            _text_offset = d.pop("text_offset", UNSET)
            if _text_offset is None or isinstance(_text_offset, Unset):
                text_offset = _text_offset
            else:
                if not isinstance(_text_offset, list):
                    raise TypeError(f"expected list[int] | None | Unset, got {type(_text_offset).__name__}")
                try:
                    text_offset_type_0 = cast(list[int], _text_offset)
                except (TypeError, ValueError, AttributeError, KeyError):
                    raise TypeError(f"expected list[int] | None | Unset, got {type(_text_offset).__name__}") from None
                text_offset = text_offset_type_0

            completions_create_response_200_choices_item_logprobs = cls(
                tokens=tokens,
                token_logprobs=token_logprobs,
                top_logprobs=top_logprobs,
                text_offset=text_offset,
            )

            completions_create_response_200_choices_item_logprobs.additional_properties = d
            return completions_create_response_200_choices_item_logprobs

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


from ..models.completions_create_response_200_choices_item_logprobs_top_logprobs_item import (
    CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem,
)
