"""The compiled kernel's cache is renewed when any engine source changes (`kernel_cache`)."""

from __future__ import annotations

from pathlib import Path

from chipshock.sim.engine.kernel_cache import ENGINE_SOURCES, STAMP, refresh, sources_hash


def _setup(tmp_path: Path) -> tuple[Path, list[Path]]:
    src = [tmp_path / "kernel.py", tmp_path / "network_kernel.py"]
    for f in src:
        f.write_text(f"# {f.name}\n")
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    return cache, src


def test_a_changed_callee_renews_the_callers_cache(tmp_path: Path) -> None:
    """First call: no stamp, so the cache files go and the stamp is written; unchanged
    sources keep new cache files; an edit of the callee's file (not the caller's) deletes
    them again, other files in the folder stay."""
    cache, src = _setup(tmp_path)
    (cache / "kernel._run_kernel-1.py311.nbi").write_text("old")
    (cache / "kernel.cpython-311.pyc").write_text("pyc")
    assert refresh(cache, src)
    assert not list(cache.glob("*.nbi"))
    assert (cache / STAMP).read_text().strip() == sources_hash(src)
    (cache / "kernel._run_kernel-1.py311.nbi").write_text("new")
    (cache / "kernel._run_kernel-1.py311.1.nbc").write_text("new")
    assert not refresh(cache, src)
    assert len(list(cache.glob("*.nb?"))) == 2
    src[1].write_text("# network_kernel.py, edited\n")
    assert refresh(cache, src)
    assert not list(cache.glob("*.nb?"))
    assert (cache / "kernel.cpython-311.pyc").exists()


def test_the_hash_covers_the_kernels_files_and_the_units() -> None:
    names = {f.name for f in ENGINE_SOURCES}
    assert names == {"kernel.py", "kernel_steps.py", "network_kernel.py", "units.py"}
    assert all(f.is_file() for f in ENGINE_SOURCES)


def test_an_unwritable_cache_is_left_alone(tmp_path: Path) -> None:
    cache, src = _setup(tmp_path)
    cache.rmdir()
    cache.write_text("not a folder")  # mkdir and unlink fail: no error, nothing deleted
    assert not refresh(cache, src)
