"""Reading back the reports: text as a reader would copy it, and the fonts a PDF uses.

Devanagari runs are printed as shaped glyphs (conjuncts, reph, pre-base matras) that do not
map back to characters one by one, so ``pypdf.extract_text`` alone reads them scrambled. The
reports wrap each such run in a marked-content span with /ActualText (PDF 32000 §14.9.4), the
text readers copy instead of the glyphs. ``page_text`` does what such a reader does: inside an
ActualText span it emits the ActualText and drops the glyphs' own text. Latin and Chinese are
read from the glyphs as they are, with no normalisation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def _actual_text(operands: list[Any]) -> str | None:
    if len(operands) < 2:
        return None
    props = operands[1]
    if isinstance(props, DictionaryObject) and "/ActualText" in props:
        return str(props["/ActualText"])
    return None


def page_text(page: Any) -> str:
    pieces: list[str] = []
    depth_in_actual: list[bool] = []

    def before(op: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
        if op == b"BDC":
            actual = _actual_text(operands)
            depth_in_actual.append(actual is not None)
            if actual is not None:
                pieces.append(actual)
        elif op == b"BMC":
            depth_in_actual.append(False)
        elif op == b"EMC" and depth_in_actual:
            depth_in_actual.pop()

    def on_text(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not any(depth_in_actual):
            pieces.append(text)

    page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    return "".join(pieces)


def pdf_text(path: Path) -> str:
    return "\n".join(page_text(p) for p in PdfReader(str(path)).pages)


def pdf_lines(path: Path) -> list[str]:
    return [line for line in pdf_text(path).splitlines() if line.strip()]


def fonts_of(path: Path) -> dict[str, bool]:
    """Every font the pages use (including inside form XObjects) -> embedded?"""
    out: dict[str, bool] = {}

    def visit(resources: Any) -> None:
        if isinstance(resources, IndirectObject):
            resources = resources.get_object()
        if not resources:
            return
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                target = descendants.get_object()[0].get_object() if descendants else font
                desc = target.get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                out[str(font["/BaseFont"])] = embedded
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                x = ref.get_object()
                if x.get("/Subtype") == "/Form":
                    visit(x.get("/Resources"))

    for page in PdfReader(str(path)).pages:
        visit(page.get("/Resources"))
    return out
