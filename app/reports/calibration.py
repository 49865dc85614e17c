"""Annex to the jury minutes: the calibration of markers and panels (issue 17 §2).

Markers per subject, assessors per criterion, panels side by side (with the whole mission),
and the scripts with the largest marking gaps. Every figure prints the number of candidates
it rests on; below app.domain.calibration.MIN_CANDIDATES it prints "not enough data"
instead. Bilingual like the minutes. Scripts of a subject still marked anonymously are
named by their code (CalibrationInput.script_label).
"""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from app.domain.calibration import MIN_CANDIDATES, Calibration, CalibrationInput, Estimate

from .data import MissionData
from .layout import TextLine, build_pdf, para
from .styles import INK, MUTED, RULE
from .tables import PagedGrid, grid

TITLE = "Annexe au procès-verbal : calibration / Annex to the jury minutes: calibration"
HEADER = "Calibration annex / Annexe de calibration"
HIDDEN = "not enough data"


def hidden(n: int) -> str:
    return f"{HIDDEN}: n={n}"


def signed(e: Estimate | None, digits: int = 2) -> str:
    """``+1.02 [+0.80; +1.24]``, or the reason it is not shown."""
    if e is None:
        return "—"
    if not e.shown:
        return hidden(e.n)
    return f"{e.value:+.{digits}f} [{e.low:+.{digits}f}; {e.high:+.{digits}f}]"


def plain(e: Estimate | None) -> str:
    if e is None:
        return "—"
    if not e.shown:
        return hidden(e.n)
    return f"{e.value:.2f} [{e.low:.2f}; {e.high:.2f}]"


def percent(e: Estimate) -> str:
    if not e.shown:
        return hidden(e.n)
    return f"{e.value:.0%} [{e.low:.0%}; {e.high:.0%}]"


def _labels(inp: CalibrationInput) -> tuple[dict[str, str], dict[str, str]]:
    subjects = {s.key: f"{s.label} / {s.label_fr}" if s.label_fr and s.label_fr != s.label
                else s.label for s in inp.config.subjects}
    criteria = {c.key: f"{c.label} / {c.label_fr}" if c.label_fr and c.label_fr != c.label
                else c.label for c in inp.config.rubric.criteria}
    return subjects, criteria


# Each section's title and legend (both languages)
MARKERS = ("Markers / Correcteurs",
    'Deviation: mean gap in points from the other marker(s) of the same scripts, their own '
    'deviation taken out (< 0: harsher); ICC: agreement with them on the order of the '
    "scripts; third readings: share of the marker's double-marked scripts more than the "
    'threshold away from another mark. 95% intervals. / Écart : écart moyen en points avec '
    "l'autre correcteur des mêmes copies (< 0 : plus sévère) ; ICC : accord sur l'ordre des "
    "copies ; troisièmes lectures : part des copies à plus du seuil d'une autre note. "
    'Intervalles à 95 %.')
ASSESSORS = ("Assessors × criteria / Évaluateurs × critères",
    'Deviation: mean gap in levels from the panel colleagues for the same candidates, their '
    'own deviation taken out (> 0: more lenient); extreme levels: share of the lowest or '
    'highest level. / Écart : écart moyen en niveaux avec les collègues du jury pour les '
    'mêmes candidats (> 0 : plus indulgent) ; niveaux extrêmes : part du plus bas ou du plus '
    'haut niveau.')
PANELS = ("Panels side by side / Jurys côte à côte",
    'Interview scores /20: min · first quartile · median · third quartile · max, drawn on the'
    ' 0-20 axis (box: middle half, bar: median); agreement within the panel: quadratic-'
    "weighted kappa. / Notes d'entretien sur 20 : min · premier quartile · médiane · "
    'troisième quartile · max ; accord au sein du jury : kappa pondéré quadratique.')
GAPS = ("Largest marking gaps / Plus grands écarts de correction",
    'Scripts whose marks differ by more than the third-reading threshold, largest first; a '
    'subject still marked anonymously shows script codes. / Copies dont les notes diffèrent '
    'de plus que le seuil de troisième lecture ; une matière encore anonyme montre les codes '
    'de copie.')


def _section(title: str, legend: str) -> list[Flowable]:
    """A section's heading and legend, kept on the page of its table's first rows."""
    return [CondPageBreak(40 * mm), para(title, "h2"), para(legend, "muted"),
            Spacer(0, 1.5 * mm)]


NONE_SUBMITTED = "No submitted scorecard yet. / Aucune grille soumise."


def _markers(cal: Calibration, inp: CalibrationInput, subjects: dict[str, str]
             ) -> list[Flowable]:
    out = _section(*MARKERS)
    if not cal.markers:
        return [*out, para("No double-marked script yet. / Aucune copie doublement corrigée.",
                           "muted")]
    rows: list[list[object]] = [["Subject / Matière", "Marker / Correcteur",
                                 "Deviation / Écart", "ICC", "3rd readings / 3e lect.", "n"]]
    for m in cal.markers:
        rows.append([TextLine(subjects.get(m.subject, m.subject), 8),
                     TextLine(inp.rater_names.get(m.marker_id, m.marker_id), 8),
                     signed(m.deviation), plain(m.icc), percent(m.third_reading_rate),
                     str(m.deviation.n)])
    out.append(PagedGrid(rows, [30 * mm, 34 * mm, 38 * mm, 30 * mm, 38 * mm, 10 * mm],
                         align_right=(5,)))
    return out


def _assessors(cal: Calibration, inp: CalibrationInput, criteria: dict[str, str]
               ) -> list[Flowable]:
    out = _section(*ASSESSORS)
    if not cal.assessors:
        return [*out, para(NONE_SUBMITTED, "muted")]
    order = {k: i for i, k in enumerate(inp.config.rubric.keys)}
    stats = sorted(cal.assessors, key=lambda a: (inp.rater_names.get(a.assessor_id, ""),
                                                 order.get(a.criterion, 99)))
    rows: list[list[object]] = [["Assessor / Évaluateur", "Criterion / Critère",
                                 "Deviation / Écart", "Extreme levels / Extrêmes", "n"]]
    for a in stats:
        extreme = percent(a.extreme_share)
        if a.extreme_share.shown and a.extreme_share.n != a.deviation.n:
            extreme += f" n={a.extreme_share.n}"  # also the candidates scored alone
        rows.append([TextLine(inp.rater_names.get(a.assessor_id, a.assessor_id), 8),
                     TextLine(criteria.get(a.criterion, a.criterion), 8),
                     signed(a.deviation), extreme, str(a.deviation.n)])
    out.append(PagedGrid(rows, [40 * mm, 52 * mm, 40 * mm, 38 * mm, 10 * mm],
                         align_right=(4,)))
    return out


class ScoreBox(Flowable):
    """One distribution on the 0-20 axis: whiskers from min to max, the box from the first
    to the third quartile, the median as a bar. Nothing drawn below the threshold."""

    def __init__(self, scores: tuple[float, ...], width: float, height: float = 9) -> None:
        super().__init__()
        self.scores, self.width, self.height = scores, width, height

    def draw(self) -> None:
        c, w, h = self.canv, self.width, self.height
        x = [w * v / 20 for v in range(0, 21, 5)]
        c.setStrokeColor(RULE)
        c.setLineWidth(0.3)
        for tick in x:
            c.line(tick, 0, tick, h)
        if len(self.scores) < MIN_CANDIDATES:
            return
        q1, med, q3 = statistics.quantiles(self.scores, n=4, method="inclusive")
        lo, hi = min(self.scores), max(self.scores)
        mid = h / 2

        def at(v: float) -> float:
            return w * min(20.0, max(0.0, v)) / 20

        c.setStrokeColor(MUTED)
        c.setLineWidth(0.6)
        c.line(at(lo), mid, at(q1), mid)
        c.line(at(q3), mid, at(hi), mid)
        c.setFillColor(RULE)
        c.rect(at(q1), 1.5, max(at(q3) - at(q1), 0.5), h - 3, stroke=1, fill=1)
        c.setStrokeColor(INK)
        c.setLineWidth(1.2)
        c.line(at(med), 0.5, at(med), h - 0.5)


def _five(scores: tuple[float, ...]) -> str:
    if len(scores) < MIN_CANDIDATES:
        return hidden(len(scores))
    q1, med, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return f"{min(scores):.1f} · {q1:.1f} · {med:.1f} · {q3:.1f} · {max(scores):.1f}"


def _panels(cal: Calibration, inp: CalibrationInput) -> list[Flowable]:
    out = _section(*PANELS)
    if not cal.panels:
        return [*out, para(NONE_SUBMITTED, "muted")]
    box_w = 44 * mm
    rows: list[list[object]] = [["Panel / Jury", "n", "Kappa", "Scores / Notes",
                                 "0 · 5 · 10 · 15 · 20"]]
    for p in cal.panels:
        rows.append([TextLine(inp.panel_labels.get(p.panel_key, p.panel_key), 8), str(p.n),
                     plain(p.kappa), _five(p.scores), ScoreBox(p.scores, box_w)])
    everyone = cal.mission_scores
    rows.append([TextLine("Whole mission / Toute la mission", 8, bold=True), str(len(everyone)),
                 "", _five(everyone), ScoreBox(everyone, box_w)])
    out.append(grid(rows, [50 * mm, 9 * mm, 33 * mm, 42 * mm, box_w + 4 * mm],
                    align_right=(1,), zebra=False))
    return out


def _gaps(cal: Calibration, inp: CalibrationInput, subjects: dict[str, str]
          ) -> list[Flowable]:
    out = _section(*GAPS)
    if not cal.gaps:
        return [*out, para("None. / Aucun.", "muted")]
    rows: list[list[object]] = [["Script / Copie", "Subject / Matière",
                                 "Marks / Notes", "Gap / Écart"]]
    for g in cal.gaps:
        marks = " · ".join(sorted(f"{inp.rater_names.get(r, r)}: {v:g}" for r, v in g.values))
        rows.append([TextLine(inp.script_label(g.candidate_id, g.subject), 8),
                     TextLine(subjects.get(g.subject, g.subject), 8), TextLine(marks, 8),
                     f"{g.gap:g}"])
    out.append(PagedGrid(rows, [48 * mm, 34 * mm, 78 * mm, 20 * mm], align_right=(3,)))
    return out


def calibration_story(data: MissionData, cal: Calibration) -> list[Flowable]:
    inp = data.calibration
    assert inp is not None
    subjects, criteria = _labels(inp)
    return [
        para(TITLE, "title"),
        para(f"{data.name} — {data.city}, {data.country} — {data.start_date} to "
             f"{data.end_date}.", "subtitle"),
        para(f"Figures resting on fewer than {MIN_CANDIDATES} candidates are not shown ("
             f"\u201c{HIDDEN}: n=…\u201d); each figure gives n, the candidates (scripts) it "
             "rests on. / Les chiffres fondés sur moins de "
             f"{MIN_CANDIDATES} candidats ne sont pas montrés (\u201c{HIDDEN}\u201d : données "
             "insuffisantes) ; n donne le nombre de candidats (copies) de chaque chiffre.",
             "muted"),
        *_markers(cal, inp, subjects), *_assessors(cal, inp, criteria), *_panels(cal, inp),
        *_gaps(cal, inp, subjects)]


def write(data: MissionData, out: Path | str | IO[bytes], now: dt.datetime | None = None,
          gap_limit: int = 20) -> None:
    """``data.calibration`` must be loaded (the desk's or the server's loader)."""
    if data.calibration is None:
        raise ValueError("the calibration annex needs data.calibration")
    cal = data.calibration.calibrate(gap_limit)
    build_pdf(out, data.header(HEADER, now=now), calibration_story(data, cal),
              author=data.chair)
