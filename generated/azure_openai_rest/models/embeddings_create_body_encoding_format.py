from __future__ import annotations

from enum import Enum


class EmbeddingsCreateBodyEncodingFormat(str, Enum):
    BASE64 = "base64"
    FLOAT = "float"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> EmbeddingsCreateBodyEncodingFormat | None:
        """Keep a value the spec does not list (the enum is open), instead of raising ValueError."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]
