"""A parsed data file: its plain data, and where in the file each value stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A file's plain data, and the 1-based (line, column) of every key and list item in it."""

    data: Any
    marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> tuple[int, int] | None:
        """The position of `path`, or of its nearest ancestor that is in the file."""
        for end in range(len(path), -1, -1):
            if (found := self.marks.get(path[:end])) is not None:
                return found
        return None
