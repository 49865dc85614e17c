"""After a mission is closed: which names can still be found, byte for byte, in a folder."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def _variants(name: str) -> set[str]:
    out = {name, name.casefold(), name.upper(), name.lower()}
    # Decomposed accents (NFD) and the bare letters, as a search index would keep them.
    out |= {unicodedata.normalize("NFD", v) for v in list(out)}
    out |= {"".join(c for c in v if not unicodedata.combining(c)) for v in list(out)}
    return {v for v in out if len(v) >= 4}


def names_found(folders: Iterable[Path], names: Iterable[str]) -> list[tuple[str, str]]:
    """(file, name) for every name whose bytes occur in any file under ``folders``, in UTF-8
    or UTF-16 (either byte order), as typed, case-folded, upper case or without accents;
    bytes are also compared lower-cased (ASCII), so a case change does not hide a name."""
    needles = [(n, v.encode(enc)) for n in names for v in _variants(n) for enc in ENCODINGS]
    hits: list[tuple[str, str]] = []
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            low = data.lower()
            for name, needle in needles:
                if needle in data or needle.lower() in low:
                    hits.append((str(path), name))
    return sorted(set(hits))
