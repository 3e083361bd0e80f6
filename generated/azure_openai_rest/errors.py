"""Contains shared errors types that can be raised from API functions"""

from typing import Any

import httpx


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ResponseParseError(ValueError):
    """Data received could not be read as the documented type; ``data`` holds what was received."""

    def __init__(self, target: str, data: Any, cause: BaseException | None = None) -> None:
        self.target = target
        self.data = data
        preview = repr(data)
        if len(preview) > 200:
            preview = preview[:200] + "..."
        reason = f": {type(cause).__name__}: {cause}" if cause is not None else ""
        super().__init__(f"cannot read {target} from {preview}{reason}")


def parse_json(response: httpx.Response) -> Any:
    """The response body as JSON, or ResponseParseError naming the status and the start of the body."""
    try:
        return response.json()
    except ValueError as exc:
        raise ResponseParseError(f"a JSON body (HTTP {response.status_code})", response.text[:200], exc) from exc


__all__ = ["ResponseParseError", "UnexpectedStatus", "parse_json"]
