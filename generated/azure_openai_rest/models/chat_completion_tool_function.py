from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseParseError
from ..types import UNSET, Unset

T = TypeVar("T", bound="ChatCompletionToolFunction")


@_attrs_define
class ChatCompletionToolFunction:
    """
    Attributes:
        description (str | Unset): A description of what the function does, used by the model to choose when and how to
            call the function.
        name (str | Unset): The name of the function to be called. Must be a-z, A-Z, 0-9, or contain underscores and
            dashes, with a maximum length of 64.
        parameters (ChatCompletionFunctionParameters | Unset): The parameters the functions accepts, described as a JSON
            Schema object. See the [guide](/docs/guides/gpt/function-calling) for examples, and the [JSON Schema
            reference](https://json-schema.org/understanding-json-schema/) for documentation about the format.
    """

    description: str | Unset = UNSET
    name: str | Unset = UNSET
    parameters: ChatCompletionFunctionParameters | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        name = self.name

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Read a JSON object; raises ``ResponseParseError`` (only) when it does not have this shape."""
        try:
            d = dict(src_dict)
            description = d.pop("description", UNSET)

            name = d.pop("name", UNSET)

            _parameters = d.pop("parameters", UNSET)
            parameters: ChatCompletionFunctionParameters | Unset
            if isinstance(_parameters, Unset):
                parameters = UNSET
            else:
                parameters = ChatCompletionFunctionParameters.from_dict(_parameters)

            chat_completion_tool_function = cls(
                description=description,
                name=name,
                parameters=parameters,
            )

            chat_completion_tool_function.additional_properties = d
            return chat_completion_tool_function

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


from ..models.chat_completion_function_parameters import ChatCompletionFunctionParameters
