from __future__ import annotations

from enum import Enum


class CreateChatCompletionRequestFunctionCallType0(str, Enum):
    AUTO = "auto"
    NONE = "none"

    @classmethod
    def _lookup(cls, value: str) -> CreateChatCompletionRequestFunctionCallType0:
        """The member for a value read from JSON; a dict lookup first, as the class call costs ~20x more."""
        return cls._value2member_map_.get(value) or cls(value)  # type: ignore[return-value]

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> CreateChatCompletionRequestFunctionCallType0 | None:
        """Keep a value the spec does not list (the enum is open), instead of raising ValueError."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
