from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.completions_create_response_200_choices_item_logprobs_top_logprobs_item import (
        CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem,
    )


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
            return cls._from_dict(src_dict)  # type: ignore[attr-defined, no-any-return]
        except ResponseParseError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResponseParseError(cls.__name__, src_dict, exc) from exc

    @classmethod
    def _from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.completions_create_response_200_choices_item_logprobs_top_logprobs_item import (
            CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem,
        )

        d = dict(src_dict)

        def _parse_tokens(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tokens_type_0 = cast(list[str], data)

                return tokens_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected list[str] | None | Unset, got {type(data).__name__}")

        tokens = _parse_tokens(d.pop("tokens", UNSET))

        def _parse_token_logprobs(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                token_logprobs_type_0 = cast(list[float], data)

                return token_logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected list[float] | None | Unset, got {type(data).__name__}")

        token_logprobs = _parse_token_logprobs(d.pop("token_logprobs", UNSET))

        def _parse_top_logprobs(
            data: object,
        ) -> list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                top_logprobs_type_0 = []
                _top_logprobs_type_0 = data
                for top_logprobs_type_0_item_data in _top_logprobs_type_0:
                    top_logprobs_type_0_item = CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem.from_dict(
                        top_logprobs_type_0_item_data
                    )

                    top_logprobs_type_0.append(top_logprobs_type_0_item)

                return top_logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(
                f"expected list[CompletionsCreateResponse200ChoicesItemLogprobsTopLogprobsItem] | None | Unset, got {type(data).__name__}"
            )

        top_logprobs = _parse_top_logprobs(d.pop("top_logprobs", UNSET))

        def _parse_text_offset(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                text_offset_type_0 = cast(list[int], data)

                return text_offset_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError(f"expected list[int] | None | Unset, got {type(data).__name__}")

        text_offset = _parse_text_offset(d.pop("text_offset", UNSET))

        completions_create_response_200_choices_item_logprobs = cls(
            tokens=tokens,
            token_logprobs=token_logprobs,
            top_logprobs=top_logprobs,
            text_offset=text_offset,
        )

        completions_create_response_200_choices_item_logprobs.additional_properties = d
        return completions_create_response_200_choices_item_logprobs

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
