"""The parse cache (`runacu.cache.parsed`): used when a file is unchanged, missed when it changes, harmless to delete, damage or booby-trap."""

from __future__ import annotations

import marshal
import os
import random
import shutil
import stat
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runacu.cache import parsed, sealed
from runacu.content.document import YamlDocument
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import run

Stamp = parsed.Stamp


#: The sealed header and digest before an entry's payload.
PAYLOAD_START = len(sealed.seal(parsed.KIND, b""))


def load(path: Path, stamp: Stamp) -> YamlDocument | None:
    """The cached parse of `path`, as the loader rebuilds it."""
    parts = parsed.load(str(path), stamp)
    if parts is None:
        return None
    data, marks, folded, validated = parts
    return YamlDocument(data=data, marks=marks, folded=set(folded), validated=validated)


def store(path: Path, stamp: Stamp, document: YamlDocument) -> None:
    parsed.store(str(path), stamp, (document.data, document.marks, list(document.folded), document.validated))


def seal(payload: bytes) -> bytes:
    return sealed.seal(parsed.KIND, payload)


def entry_of(path: Path) -> Path:
    return Path(parsed._entry(str(path)))


@pytest.mark.slow
def test_errors_are_still_located_from_a_cached_file(data_dir: Path) -> None:
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    path = data_dir / "benefits.yaml"
    text = path.read_text()
    path.write_text(text.replace("title: Faster recovery", "titel: Faster recovery"))
    result = run("--data-dir", str(data_dir), "benefits")
    # The topic that lost its title is located where it starts, as when the file is read afresh.
    lines = text.splitlines()
    topic_line, title_line = 1 + lines.index("  - slug: recovery"), 1 + lines.index("    title: Faster recovery")
    assert result.exit_code == 3 and f"{path}:{topic_line}:5: topics[0]: missing required key 'title'" in result.stderr
    assert f"{path}:{title_line}:5: topics[0].titel: unknown key 'titel'" in result.stderr


@pytest.mark.slow
def test_the_cache_is_safe_to_delete_or_damage(data_dir: Path, tmp_path: Path) -> None:
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    cache = tmp_path / "xdg-cache" / "runacu" / "parsed"
    entries = list(cache.iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00garbage")
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0
    shutil.rmtree(cache)
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0


def test_an_unwritable_cache_is_skipped(data_dir: Path, tmp_path: Path, monkeypatch: object) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be")
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("RUNACU_CACHE_DIR", str(blocked))
    assert run("--data-dir", str(data_dir), "benefits").exit_code == 0


# --- damaged and hostile entries -------------------------------------------------------------------------


@pytest.fixture
def cached(data_dir: Path) -> tuple[Path, Stamp, YamlDocument, Path]:
    """A real data file, its stamp, its parse, and the cache entry `store` wrote for it."""
    path = data_dir / "benefits.yaml"
    stamp = parsed.stamp_of(str(path))
    assert stamp is not None
    document = parse_yaml(path.read_bytes(), str(path))
    store(path, stamp, document)
    [entry] = Path(parsed.folder()).iterdir()
    loaded = load(path, stamp)
    assert loaded is not None and loaded.data == document.data and loaded.marks == document.marks
    return path, stamp, document, entry


def mutations(entry: bytes, rng: random.Random) -> Iterator[bytes]:
    """300 damaged copies: flipped bits, changed, lost, repeated or added bytes, a cut-short tail, or several of these."""
    for _ in range(300):
        damaged = bytearray(entry)
        for _ in range(rng.choice([1, 1, 1, 2, 5])):
            where = rng.randrange(len(damaged))
            kind = rng.randrange(6)
            if kind == 0:
                damaged[where] ^= 1 << rng.randrange(8)
            elif kind == 1:
                damaged[where] = rng.randrange(256)
            elif kind == 2:
                del damaged[where : where + rng.randint(1, 64)]
            elif kind == 3:
                damaged[where:where] = rng.randbytes(rng.randint(1, 16))
            elif kind == 4:
                damaged[where:where] = damaged[where : where + rng.randint(1, 64)]
            else:
                damaged = damaged[:where]
        yield bytes(damaged)


@pytest.mark.slow
def test_a_damaged_entry_is_ignored_never_misread(cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    path, stamp, document, entry = cached
    original = entry.read_bytes()
    changed = 0
    for damaged in mutations(original, random.Random(2024)):
        entry.write_bytes(damaged)
        loaded = load(path, stamp)
        if damaged == original:  # damage that changed nothing, like a byte set to its own value
            assert loaded is not None and loaded.data == document.data and loaded.marks == document.marks
        else:
            assert loaded is None
            changed += 1
    assert changed >= 290


@pytest.mark.slow
@pytest.mark.parametrize(
    "reshape",
    [
        lambda e: (*e[:2], list(e[2]), *e[3:]),  # a stamp that is not a tuple
        lambda e: (*e[:2], (*e[2][:3], str(e[2][3])), *e[3:]),
        lambda e: (*e[:2], (*e[2][:3], True), *e[3:]),
        lambda e: (*e[:2], e[2][:3], *e[3:]),
        lambda e: (*e[:3], {**e[3], "title": b"bytes"}, e[4]),  # data the reader never builds
        lambda e: (*e[:3], {**e[3], 1: "x"}, e[4]),
        lambda e: (*e[:3], {**e[3], "topics": frozenset()}, e[4]),
        lambda e: (*e[:3], {**e[3], "topics": ("a", "tuple")}, e[4]),
        lambda e: (*e[:3], {**e[3], "topics": [complex(1, 2)]}, e[4]),
        lambda e: (*e[:4], {**e[4], ("title",): (1,)}),  # marks that are not (line, column)
        lambda e: (*e[:4], {**e[4], ("title",): (1, "2")}),
        lambda e: (*e[:4], {**e[4], ("title",): (0, 1)}),
        lambda e: (*e[:4], {**e[4], ("title", 1.5): (1, 1)}),
        lambda e: (*e[:4], {**e[4], "title": (1, 1)}),
        lambda e: (*e[:4], list(e[4].items())),
        lambda e: (str(e[0]), *e[1:]),  # the version, the path
        lambda e: (e[0] + 1, *e[1:]),
        lambda e: (e[0], e[1] + "x", *e[2:]),
        lambda e: e[:4],
        lambda e: (*e, None),
        lambda e: list(e),
    ],
)  # fmt: skip
def test_an_intact_entry_of_the_wrong_shape_is_ignored(
    reshape: Any, cached: tuple[Path, Stamp, YamlDocument, Path]
) -> None:
    path, stamp, _, entry = cached
    unchanged = marshal.loads(entry.read_bytes()[PAYLOAD_START:])
    entry.write_bytes(seal(marshal.dumps(reshape(unchanged))))
    assert load(path, stamp) is None


def test_data_that_contains_itself_is_ignored(cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    path, stamp, document, entry = cached
    looped = dict(document.data)
    looped["topics"] = [looped]
    entry.write_bytes(seal(marshal.dumps((parsed.FORMAT, str(path), stamp, looped, document.marks, [], None))))
    assert load(path, stamp) is None
    shared = [1, 2]  # as an alias makes: one value in two places
    entry.write_bytes(seal(marshal.dumps((parsed.FORMAT, str(path), stamp, [shared, {"a": shared}], {}, [], None))))
    loaded = load(path, stamp)
    assert loaded is not None and loaded.data == [[1, 2], {"a": [1, 2]}]


def test_a_hostile_marshal_entry_allocates_nothing(cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    path, stamp, _, entry = cached
    entry.write_bytes(b"[\x00\x00\x00\x10")  # marshal alone would allocate a 2 GiB list for these 5 bytes
    tracemalloc.start()
    try:
        assert load(path, stamp) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.slow
def test_a_damaged_entry_is_replaced_by_the_next_run(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "benefits.yaml"
    expected = run("--data-dir", str(data_dir), "benefits")
    entry = entry_of(path)
    assert entry.parent == tmp_path / "xdg-cache" / "runacu" / "parsed"
    original = entry.read_bytes()
    for damaged in list(mutations(original, random.Random(7)))[:20]:
        entry.write_bytes(damaged)
        result = run("--data-dir", str(data_dir), "benefits")
        assert (result.exit_code, result.stdout, result.stderr) == (
            expected.exit_code,
            expected.stdout,
            expected.stderr,
        )
        assert entry.read_bytes() == original, "the next run rewrote the entry"


def test_entries_are_private(cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    _, _, _, entry = cached
    for folder in (entry.parent, entry.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert [child.name for child in entry.parent.iterdir()] == [entry.name], "no temporary file is left behind"


def special_files() -> dict[str, Any]:
    def dev_zero(entry: Path) -> None:
        entry.symlink_to("/dev/zero")

    def fifo(entry: Path) -> None:
        os.mkfifo(entry)

    def directory(entry: Path) -> None:
        entry.mkdir()

    def huge(entry: Path) -> None:
        with entry.open("wb") as stream:  # sparse: 4 GiB that take no room
            stream.truncate(4 * 1024**3)

    def symlink_to_an_entry(entry: Path) -> None:
        elsewhere = entry.with_name("elsewhere")
        entry.replace(elsewhere)
        entry.symlink_to(elsewhere)

    return {"dev-zero": dev_zero, "fifo": fifo, "directory": directory, "huge": huge, "symlink": symlink_to_an_entry}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")
@pytest.mark.parametrize("kind", list(special_files()))
def test_only_a_regular_file_is_read_as_an_entry(kind: str, cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    path, stamp, document, entry = cached
    if kind != "symlink":
        entry.unlink()
    special_files()[kind](entry)
    assert load(path, stamp) is None  # at once: no read of /dev/zero, no wait on the FIFO
    store(path, stamp, document)
    loaded = load(path, stamp)
    if kind == "directory":  # nothing renames a file over a directory: it stays a miss
        assert loaded is None and entry.is_dir()
    else:
        assert loaded is not None and loaded.data == document.data
        assert not entry.is_symlink() and stat.S_ISREG(entry.stat().st_mode)


def test_a_stale_or_misplaced_entry_is_ignored(cached: tuple[Path, Stamp, YamlDocument, Path]) -> None:
    path, stamp, _, entry = cached
    assert load(path, (stamp[0] + 1, *stamp[1:])) is None
    other = path.with_name("back-pain.yaml")
    other_stamp = parsed.stamp_of(str(other))
    assert other_stamp is not None
    other_entry = entry_of(other)
    other_entry.write_bytes(entry.read_bytes())  # an entry under another file's name
    assert load(other, other_stamp) is None


@pytest.mark.slow
def test_the_cache_is_bounded_so_throwaway_data_folders_do_not_pile_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thirty data folders used once and deleted left 68 MB for files that no longer exist: no more.

    Tried at a lower bound, with fewer folders: each run keeps about 23 kB, so ten runs would keep more than
    three times the bound."""
    monkeypatch.setattr(parsed, "MAX_CACHE_BYTES", 70_000)
    source = Path(__file__).parents[2] / "data"
    for number in range(10):
        folder = tmp_path / f"throwaway-{number}"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("es"))
        assert run("--data-dir", str(folder), "benefits").exit_code == 0
        shutil.rmtree(folder)
    total = sum(entry.stat().st_size for entry in Path(parsed.folder()).iterdir())
    assert 0 < total <= 70_000
