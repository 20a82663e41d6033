"""Reading untrusted files within bounds: JSON no larger and no deeper than asked, and zip members inflated
chunk by chunk, never past a given number of bytes. Used for bundles (app/sync) and workbooks (app/ledger),
both of which arrive on USB sticks from elsewhere.

The callers turn these exceptions into their own messages: what is too large or malformed, and where.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

CHUNK = 1 << 16

# What zipfile and zlib raise for a damaged or foreign archive member, while opening or inflating it.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)


class TooLarge(Exception):
    """More bytes than allowed; `limit` is the bound that was passed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


class TooDeep(Exception):
    """JSON nested deeper than allowed."""


class NotJson(Exception):
    """Not UTF-8 JSON at all."""


_JSON_STRUCTURE = re.compile(r'[\[\]{}"\\]')


def json_depth_within(document: str, max_depth: int) -> bool:
    """Whether no array or object in `document` is nested deeper than `max_depth`, counted without parsing,
    so that json.loads never recurses further than that. Linear in the document's length: only brackets,
    quotes and backslashes are visited, and brackets inside strings do not count."""
    depth = 0
    in_string = False
    skip_to = -1
    for match in _JSON_STRUCTURE.finditer(document):
        at = match.start()
        if at < skip_to:
            continue  # the character after a backslash in a string
        char = document[at]
        if in_string:
            if char == "\\":
                skip_to = at + 2
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif char in "]}":
            depth -= 1
    return True


def load_json(data: bytes, *, max_bytes: int, max_depth: int) -> Any:
    """Parse UTF-8 JSON of at most `max_bytes` bytes nested at most `max_depth` deep."""
    if len(data) > max_bytes:
        raise TooLarge(max_bytes)
    try:
        document = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotJson from None
    if not json_depth_within(document, max_depth):
        raise TooDeep
    try:
        return json.loads(document)
    except RecursionError:  # not reachable after the depth check; kept so that a parser change stays safe
        raise TooDeep from None
    except ValueError:  # also an integer of more digits than Python converts
        raise NotJson from None


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes, a chunk at a time; TooLarge as soon as more than `limit` bytes come out, whatever
    the zip's directory declares. Damaged members raise one of DAMAGED."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        # zipfile inflates bzip2 and LZMA without a bound on one call's output; no writer we read uses them.
        raise NotImplementedError(f"compression method {info.compress_type}")
    if info.file_size > limit:
        raise TooLarge(limit)
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise TooLarge(limit)
            yield chunk


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    return b"".join(inflate(archive, info, limit))


def inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """Inflate and count, keeping nothing: the member's true size, if it is at most `limit`."""
    return sum(len(chunk) for chunk in inflate(archive, info, limit))
