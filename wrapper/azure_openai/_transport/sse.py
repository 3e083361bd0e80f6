"""A server-sent events decoder working on bytes, per the WHATWG ``text/event-stream`` interpretation rules:
splitting only at ASCII line ends rejoins a UTF-8 character cut across reads, and ``json.loads`` reads bytes.
One deliberate difference: an event whose data is empty is not dispatched (the standard dispatches ``data:`` alone
with the data ``""``), since a JSON event stream cannot use it and some proxies send it to keep a connection alive."""

from __future__ import annotations

_BOM = b"\xef\xbb\xbf"

#: One dispatched event: ``(type, data)``, the type ``""`` for the default ``message`` (a plain tuple: it is cheap).
SSEEvent = tuple[str, bytes]


class SSEDecoder:
    """Incremental decoder: ``feed()`` network reads, get the events they complete."""

    __slots__ = ("_data", "_event", "_pending", "_started", "last_event_id")

    def __init__(self) -> None:
        self._pending = b""  # an unterminated line, maybe followed by a CR held back from the last read
        self._data: list[bytes] = []
        self._event = ""
        self.last_event_id = ""  # per the standard it persists across events
        self._started = False

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        """Decode one network read; the events it completes, in order."""
        if not self._started:
            if not chunk:
                return []
            if len(self._pending) + len(chunk) < 3 and _BOM.startswith(self._pending + chunk):
                self._pending += chunk  # a BOM may still be arriving
                return []
            self._started = True
            chunk = self._pending + chunk
            self._pending = b""
            if chunk.startswith(_BOM):
                chunk = chunk[3:]
        buf = self._pending + chunk if self._pending else chunk
        if 13 in buf:  # CR as an int: a bytes operand is first tried as an int, and that failure costs ~10x
            hold = b""
            if buf.endswith(b"\r"):  # maybe the first half of a CRLF: decide when the next byte arrives
                buf, hold = buf[:-1], b"\r"
            lines = buf.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            self._pending = lines.pop() + hold
        else:
            lines = buf.split(b"\n")
            self._pending = lines.pop()
        events: list[SSEEvent] = []
        for line in lines:
            if not line:  # the end of an event: as common as its data line, and cheaper to test
                data = self._data
                if data:
                    payload = data[0] if len(data) == 1 else b"\n".join(data)
                    if payload:  # not "data:" alone, which the standard dispatches as "": a keep-alive of proxies
                        events.append((self._event, payload))
                    self._data = []
                self._event = ""
            elif line.startswith(b"data: "):
                self._data.append(line[6:])
            else:
                self._field(line)
        return events

    def _field(self, line: bytes) -> None:
        if line.startswith(b":"):
            return
        name, _, value = line.partition(b":")
        if value.startswith(b" "):
            value = value[1:]
        if name == b"data":
            self._data.append(value)
        elif name == b"event":
            self._event = value.decode("utf-8", "replace")
        elif name == b"id" and b"\0" not in value:
            self.last_event_id = value.decode("utf-8", "replace")
        # "retry" and unknown fields are ignored, as the standard says.

    def close(self) -> tuple[list[SSEEvent], bytes]:
        """End of stream: ``(events, leftover)``; call again while it returns events; leftover is unterminated data."""
        # A CR held back at the end is a line end after all and may complete events. The data of an unterminated
        # last event is what the standard discards; it is returned so callers can report it.
        if self._pending.endswith(b"\r"):
            events = self.feed(b"\n")  # "\r" + "\n" is one line end, as the lone CR was
            if events:
                return events, b""
        if self._pending:
            self._field(self._pending)
        leftover = b"\n".join(self._data)
        self._data, self._pending = [], b""
        return [], leftover
