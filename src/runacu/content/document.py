"""A parsed data file: its plain data, and where in the file each value stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KeyPath = tuple[str | int, ...]
#: The largest data file runacu reads (1 MiB): a bigger one is a mistake, not a guide.
MAX_FILE_BYTES = 1024 * 1024


@dataclass
class YamlDocument:
    """A file's plain data, and the 1-based (line, column) of every key and list item in it."""

    data: Any
    marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    #: Text written as a folded block (`>`), where a line break stands for a blank line: a paragraph break.
    folded: set[KeyPath] = field(default_factory=set)
    #: The model's data as validated last time (`(model tag, JSON dump)`), so a repeat need not validate.
    validated: tuple[str, Any] | None = None
    #: The file's stamp (size, times, inode) taken before it was read, when it is a file on disk.
    stamp: tuple[int, int, int, int] | None = None

    def paragraph_data(self) -> Any:
        """The data, with each folded text's line breaks made blank lines, as in any other text."""
        if not self.folded:
            return self.data
        import copy

        def unfolded(text: str) -> str:
            return "\n\n".join(line for line in text.split("\n") if line)

        if () in self.folded:  # the whole file is one folded text (not a guide, but it must not crash)
            return unfolded(self.data)
        data = copy.deepcopy(self.data)
        for path in self.folded:
            *parents, last = path
            holder = data
            for part in parents:
                holder = holder[part]
            holder[last] = unfolded(holder[last])
        return data

    def locate(self, path: KeyPath) -> tuple[int, int] | None:
        """The position of `path`, or of its nearest ancestor that is in the file."""
        for end in range(len(path), -1, -1):
            if (found := self.marks.get(path[:end])) is not None:
                return found
        return None
