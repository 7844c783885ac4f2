"""The table cache (kiosk/tablecache.py) is never stale: a changed source file, a changed
module that builds the table, or a damaged cache file is noticed and the table rebuilt; a
folder that cannot be written only costs the parse. The shipped tables read through it are the
tables read straight from their files."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kiosk import cities, tablecache
from kiosk.resources import load_toml, resource


class Builds:
    """A build function that counts its calls: the table is the source's lines."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data: bytes) -> list[str]:
        self.calls += 1
        return data.decode().splitlines()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "table.csv"
    path.parent.mkdir()
    path.write_text("a\nb\n")
    return path


def test_a_table_is_built_once_then_read_from_the_cache(source: Path, tmp_path: Path) -> None:
    build, folder = Builds(), tmp_path / "cache"
    assert tablecache.cached(source, build, folder=folder) == ["a", "b"]
    assert tablecache.cached(source, build, folder=folder) == ["a", "b"]
    assert build.calls == 1 and len(list(folder.iterdir())) == 1


def test_a_changed_source_is_noticed(source: Path, tmp_path: Path) -> None:
    build, folder = Builds(), tmp_path / "cache"
    tablecache.cached(source, build, folder=folder)
    stat = source.stat()
    source.write_text("a\nc\n")  # same size, and the same modification time put back:
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the bytes tell
    assert tablecache.cached(source, build, folder=folder) == ["a", "c"]
    assert build.calls == 2
    assert tablecache.cached(source, build, folder=folder) == ["a", "c"]  # stored again
    assert build.calls == 2


def test_a_changed_building_module_is_noticed(source: Path, tmp_path: Path) -> None:
    build, folder, module = Builds(), tmp_path / "cache", tmp_path / "builder.py"
    module.write_text("VERSION = 1\n")
    tablecache.cached(source, build, code=(module,), folder=folder)
    module.write_text("VERSION = 2\n")
    tablecache.cached(source, build, code=(module,), folder=folder)
    assert build.calls == 2


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xff" * 40])
def test_a_damaged_cache_file_is_rebuilt(source: Path, tmp_path: Path, damage: bytes) -> None:
    build, folder = Builds(), tmp_path / "cache"
    tablecache.cached(source, build, folder=folder)
    (stored,) = folder.iterdir()
    stored.write_bytes(damage)
    assert tablecache.cached(source, build, folder=folder) == ["a", "b"]
    assert build.calls == 2


def test_a_tampered_payload_is_not_used(source: Path, tmp_path: Path) -> None:
    """The stored key matches but the table was changed after it was written: its own hash
    no longer does, so it is rebuilt rather than believed."""
    import marshal

    build, folder = Builds(), tmp_path / "cache"
    tablecache.cached(source, build, folder=folder)
    (stored,) = folder.iterdir()
    key, check, _ = marshal.loads(stored.read_bytes())
    stored.write_bytes(marshal.dumps((key, check, marshal.dumps(["forged"]))))
    assert tablecache.cached(source, build, folder=folder) == ["a", "b"]


def test_a_folder_that_cannot_be_written_still_gives_the_table(
    source: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    build = Builds()
    assert tablecache.cached(source, build, folder=blocked / "cache") == ["a", "b"]
    assert tablecache.cached(source, build, folder=blocked / "cache") == ["a", "b"]
    assert build.calls == 2


def test_the_cache_folder_follows_systemd_then_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CACHE_DIRECTORY", raising=False)
    assert tablecache.cache_dir() == tmp_path / "xdg" / "diandian"
    monkeypatch.setenv("CACHE_DIRECTORY", f"{tmp_path / 'svc'}:{tmp_path / 'other'}")
    assert tablecache.cache_dir() == tmp_path / "svc"


def test_shipped_toml_tables_equal_their_files_and_are_fresh_each_call() -> None:
    for parts in (("factors", "factors.toml"), ("venues", "venues.toml")):
        expected = tomllib.loads(resource(*parts).read_text(encoding="utf-8"))
        first = load_toml(*parts)
        assert first == expected
        first.clear()  # a caller's changes never reach the next caller
        assert load_toml(*parts) == expected


def test_the_cached_city_index_is_the_one_built_from_the_rows() -> None:
    cities.load_cities.cache_clear()
    try:
        table = cities.load_cities()  # stored by the first call of this test's cache folder
        cities.load_cities.cache_clear()
        cached = cities.load_cities()  # read back from the cache
        fresh = cities.CityTable(cached._rows)  # indexes built now, from the rows
        assert list(cached) == list(table) == list(fresh)
        for name in ("_index", "_keys", "_airports", "_shared", "_provinces"):
            assert getattr(cached, name) == getattr(fresh, name), name
    finally:
        cities.load_cities.cache_clear()


def test_a_process_notices_a_changed_city_file(tmp_path: Path) -> None:
    """End to end in new processes, as the CLI runs: the first stores the city table; a
    changed cities.csv (a copy of the resources, one city renamed) gives the new name."""
    import shutil

    import diandian_resources

    root = tmp_path / "site" / "diandian_resources"
    shutil.copytree(Path(diandian_resources.__file__).parent, root)
    csv = root / "cities" / "cities.csv"
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from kiosk.cities import load_cities; print(load_cities().get('chengdu').name_en)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("CACHE_DIRECTORY", None)

    def run() -> str:
        argv = [sys.executable, "-c", code, str(root.parent)]
        return subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout

    assert run().strip() == "Chengdu"
    assert any((tmp_path / "cache" / "diandian").iterdir())
    csv.write_text(csv.read_text(encoding="utf-8").replace(",Chengdu,", ",Chengtu,", 1), "utf-8")
    assert run().strip() == "Chengtu"


def test_two_versions_sharing_a_folder_keep_one_file_each(source: Path, tmp_path: Path) -> None:
    """Two checkouts (or installs) of different code on one cache folder, used in turn: each
    builds its table once, not at every turn (the key names the file)."""
    folder, old, new = tmp_path / "cache", tmp_path / "old.py", tmp_path / "new.py"
    old.write_text("VERSION = 1\n")
    new.write_text("VERSION = 2\n")
    builds = {old: Builds(), new: Builds()}
    for _ in range(3):
        for module, build in builds.items():
            assert tablecache.cached(source, build, code=(module,), folder=folder) == ["a", "b"]
    assert [build.calls for build in builds.values()] == [1, 1]
    assert len(list(folder.iterdir())) == 2


def test_a_version_unused_for_long_is_removed_when_another_is_stored(
    source: Path, tmp_path: Path
) -> None:
    folder, module = tmp_path / "cache", tmp_path / "builder.py"
    module.write_text("VERSION = 1\n")
    tablecache.cached(source, Builds(), code=(module,), folder=folder)
    (first,) = folder.iterdir()
    long_ago = first.stat().st_mtime - (tablecache.KEEP_DAYS + 1) * 86400
    os.utime(first, (long_ago, long_ago))
    module.write_text("VERSION = 2\n")
    tablecache.cached(source, Builds(), code=(module,), folder=folder)
    (second,) = folder.iterdir()
    assert second != first
