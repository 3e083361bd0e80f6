"""multipart/form-data parsing for the audio operations, with the stdlib ``email`` parser.

The stdlib parser handles the RFC 7578 bodies that httpx, requests and the openai SDK send, costs no
dependency, and reads the whole (small, test-sized) body in memory, which is all an emulator needs.
"""

from __future__ import annotations

import email.parser
import email.policy

__all__ = ["MultipartError", "parse_form"]


class MultipartError(ValueError):
    """The body is not a well-formed multipart/form-data payload."""


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, str | list[str]], dict[str, tuple[str, str, bytes]]]:
    """Split a form into text fields and files (name -> (filename, content type, bytes)).

    A field sent more than once, or named ``NAME[]``, is a list of its values: the form-array convention the
    openai SDK sends (``timestamp_granularities[]``) and the spec's array fields are named after.
    """
    if not content_type.lower().startswith("multipart/form-data") or "boundary=" not in content_type:
        raise MultipartError("expected a multipart/form-data body with a boundary")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise MultipartError("the multipart body has no parts")
    fields: dict[str, str | list[str]] = {}
    files: dict[str, tuple[str, str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise MultipartError("a part has no form-data name")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = (filename, part.get_content_type(), data)
        else:
            value = data.decode(part.get_content_charset() or "utf-8", errors="replace")
            before = fields.get(name)
            if isinstance(before, list):
                before.append(value)
            elif before is not None:
                fields[name] = [before, value]
            else:
                fields[name] = [value] if name.endswith("[]") else value
    return fields, files
