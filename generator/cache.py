"""Content-hash cache for the parse stages: unchanged inputs are not parsed again.

`cached(kind, key_parts, compute)` returns `compute()`'s value, reusing the
value stored for the same key: a sha256 of the input bytes (and whatever else
the result depends on, such as the path shown in messages) plus the source of
the stage's own modules, so editing the parser invalidates its entries.

Entries live as pickles on disk, once `use_dir()` names a folder
(load_handbook uses `build/cache/`), for the next `sotay build`: a build reads
each input once (tests/test_derive_once.py), so an in-memory copy would never
be asked for again in the same process (`sotay serve` keeps its objects with
`shared` below). Every hit is a fresh unpickled copy callers may change.
Exceptions are never cached. Set SOTAY_NO_CACHE=1 to turn the cache off.

`shared(kind, key_parts, compute)` is the serve-only variant: once
`share_objects(True)` (`sotay serve`), the same inputs give back the *same
object* (no pickling at all), so a reload skips unchanged files outright and
later stages may recognise unchanged inputs by identity. Callers must not
change a shared value. `reuse(name, inputs, compute)` goes one step further
for derived values (a page's Markdown): the previous build's value for `name`
when its inputs compare equal. `sweep_shared()` drops what no build asked for
since the previous sweep. Outside `sotay serve` both simply call `compute()`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TypeVar

from generator.files import write_atomic

log = logging.getLogger(__name__)
T = TypeVar("T")

_state = {"dir": None}
_code_versions: dict[str, str] = {}
_PACKAGE = Path(__file__).resolve().parent


def use_dir(folder: Path | None) -> None:
    """Keep entries on disk under `folder` too (None: memory only)."""
    _state["dir"] = Path(folder) if folder else None


def enabled() -> bool:
    return os.environ.get("SOTAY_NO_CACHE", "") in ("", "0")


def code_version(modules: Iterable[str]) -> str:
    """Hash of the source of the given generator modules (file names like 'parser.py')."""
    names = tuple(modules)
    key = ",".join(names)
    if key not in _code_versions:
        digest = hashlib.sha256(pickle.format_version.encode())
        for name in names:
            digest.update((_PACKAGE / name).read_bytes())
        _code_versions[key] = digest.hexdigest()
    return _code_versions[key]


def cached(kind: str, key_parts: Iterable[bytes | str], compute: Callable[[], T], modules: Iterable[str] = ()) -> T:
    if not enabled():
        return compute()
    key = _key(kind, key_parts, modules)
    blob = _read_disk(kind, key)
    if blob is not None:
        try:
            return pickle.loads(blob)
        except Exception:  # a damaged entry (killed mid-write elsewhere): recompute
            log.debug("cache entry %s/%s unreadable; recomputing", kind, key)
    value = compute()
    _write_disk(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def share_objects(on: bool) -> None:
    """Keep computed objects for the process's next builds (`sotay serve`), or not."""
    _shared_state["on"] = on
    _shared.clear()
    _shared_used.clear()
    _reused.clear()
    _reused_used.clear()


def sharing() -> bool:
    return _shared_state["on"] and enabled()


def shared(kind: str, key_parts: Iterable[bytes | str], compute: Callable[[], T], modules: Iterable[str] = ()) -> T:
    """`compute()`, or under `sotay serve` the very object it returned for the same inputs before."""
    if not sharing():
        return compute()
    key = _key(kind, key_parts, modules)
    if key not in _shared:
        _shared[key] = compute()
    _shared_used.add(key)
    return _shared[key]


def reuse(name: Hashable, inputs: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or under `sotay serve` the value computed for `name` by an earlier build whose
    `inputs` were equal (`==`; unchanged shared objects compare by identity, so this is quick).

    `inputs` must hold everything `compute` reads, and `compute` must be a pure function of them."""
    if not sharing():
        return compute()
    entry = _reused.get(name)
    if entry is None or entry[0] != inputs:
        entry = _reused[name] = (inputs, compute())
    _reused_used.add(name)
    return entry[1]


def sweep_shared() -> None:
    """Forget the shared objects and reused values no build asked for since the last sweep
    (edited or removed files, pages that no longer exist)."""
    for key in _shared.keys() - _shared_used:
        del _shared[key]
    _shared_used.clear()
    for name in _reused.keys() - _reused_used:
        del _reused[name]
    _reused_used.clear()


_shared: dict[str, object] = {}
_shared_used: set[str] = set()
_reused: dict[Hashable, tuple[tuple, object]] = {}
_reused_used: set[Hashable] = set()
_shared_state = {"on": False}


def _key(kind: str, key_parts: Iterable[bytes | str], modules: Iterable[str]) -> str:
    digest = hashlib.sha256(kind.encode() + b"\0" + code_version(modules).encode())
    for part in key_parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    folder = _state["dir"]
    return folder / kind / key[:2] / f"{key}.pickle" if folder else None


def _read_disk(kind: str, key: str) -> bytes | None:
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_disk(kind: str, key: str, blob: bytes) -> None:
    path = _entry(kind, key)
    if path is None:
        return
    try:  # readers see the whole entry or none; a failed write leaves no temporary file
        write_atomic(path, blob)
    except OSError as error:  # a read-only or full disk only costs speed
        log.debug("cache: cannot write %s: %s", path, error)
