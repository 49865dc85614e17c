"""The report fonts: committed under resources/fonts/, embedded (subsetted) in every PDF.

Never the machine's fonts: a jury's laptop in Chennai or Hanoi may have none of them. One font
per script (Noto Sans for Latin with every Vietnamese diacritic, Noto Sans Devanagari, Droid
Sans Fallback for Chinese); text is split into runs by script and each run set in its font.
Devanagari is shaped by HarfBuzz (uharfbuzz) so conjuncts, reph and pre-base matras print right.
"""

from __future__ import annotations

import logging
import sys
import threading
from enum import StrEnum
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

SANS = "MDSans"
SANS_BOLD = "MDSans-Bold"
DEVA = "MDDeva"
DEVA_BOLD = "MDDeva-Bold"
CJK = "MDCJK"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    DEVA: "NotoSansDevanagari-Regular.ttf",
    DEVA_BOLD: "NotoSansDevanagari-Bold.ttf",
    CJK: "DroidSansFallback-CJK.ttf",
}

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    """The folder of the report fonts: inside a PyInstaller bundle, ``resources/fonts`` under
    ``sys._MEIPASS`` (the spec must add that folder); otherwise the repository's."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources" / "fonts"
    return Path(__file__).resolve().parents[2] / "resources" / "fonts"


def register_fonts() -> None:
    """Register the fonts with ReportLab once per process (thread-safe: the desk builds
    reports in a worker thread)."""
    global _registered
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(f"report font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b> in paragraph markup switches to the bold face of the run's own script.
        for regular, bold in ((SANS, SANS_BOLD), (DEVA, DEVA_BOLD), (CJK, CJK)):
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold)
            addMapping(bold, 0, 0, regular)
            addMapping(bold, 1, 0, bold)
            addMapping(bold, 0, 1, regular)
            addMapping(bold, 1, 1, bold)
        _registered = True
        log.debug("report fonts registered from %s", folder)


class Script(StrEnum):
    LATIN = "latin"
    DEVANAGARI = "devanagari"
    CJK = "cjk"


def script_of(ch: str) -> Script | None:
    """The script a character needs, or None for a neutral one (space, digit, punctuation,
    combining mark, joiner) that follows its neighbours."""
    cp = ord(ch)
    if 0x0900 <= cp <= 0x097F or 0xA8E0 <= cp <= 0xA8FF or 0x1CD0 <= cp <= 0x1CFF:
        return Script.DEVANAGARI
    if (0x2E80 <= cp <= 0x2FDF or 0x3000 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF):
        return Script.CJK
    if ch.isalpha():
        return Script.LATIN
    return None


def runs(text: str) -> list[tuple[Script, str]]:
    """Split ``text`` into maximal runs of one script; neutral characters join the run
    before them (or the first run when they lead)."""
    out: list[tuple[Script, list[str]]] = []
    pending: list[str] = []
    for ch in text:
        script = script_of(ch)
        if script is None:
            if out:
                out[-1][1].append(ch)
            else:
                pending.append(ch)
            continue
        if out and out[-1][0] == script:
            out[-1][1].append(ch)
        else:
            out.append((script, [*pending, ch]))
            pending = []
    if pending:
        out.append((Script.LATIN, pending))
    return [(s, "".join(chars)) for s, chars in out]


_FACE = {Script.DEVANAGARI: DEVA, Script.CJK: CJK}


def needs_shaping(text: str) -> bool:
    return any(0x0900 <= ord(ch) <= 0x097F for ch in text)


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``: escaped, with each non-Latin run in its font."""
    parts = []
    for script, chunk in runs(text):
        face = _FACE.get(script)
        esc = escape(chunk)
        parts.append(f'<font face="{face}">{esc}</font>' if face else esc)
    return "".join(parts)


def is_plain_latin(text: str) -> bool:
    """True when the Latin font alone can set ``text`` (no run of another script)."""
    return all(script_of(ch) in (None, Script.LATIN) for ch in text)
