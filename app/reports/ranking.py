"""The jury minutes (procès-verbal): the panel, a ranked table per track with composite scores
and decisions, the formula used, and the signature block."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.enums import Track
from app.domain.scoring import ScoreState

from .data import OUTCOME_LABEL, TRACK_LABEL, CandidateData, MissionData
from .fonts import SANS
from .layout import TextLine, build_pdf, local_now, para, rich
from .styles import RULE
from .tables import PagedGrid, grid

TITLE = "Procès-verbal du jury / Jury minutes"

STATE_LABEL = {ScoreState.INCOMPLETE: "Incomplete", ScoreState.ABSENT: "Absent",
               ScoreState.WITHDRAWN: "Withdrawn"}


def score(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):.2f}"


def decision_text(outcome: str | None, option: str | None) -> str:
    if not outcome:
        return "—"
    label = OUTCOME_LABEL.get(outcome, outcome)
    return f"{label} · {option}" if option and outcome == "admit" else label


def _panel(data: MissionData) -> Table:
    rows: list[list[object]] = [["Member / Membre", "Role / Fonction", "Capacity / Qualité"]]
    for _id, name, role, chair in data.assessors:
        rows.append([TextLine(name, 8.5), role.capitalize(),
                     "Chair / Président(e) du jury" if chair else "Member / Membre"])
    return grid(rows, [70 * mm, 45 * mm, 65 * mm], zebra=False)


def _track_table(data: MissionData, track: Track) -> list[Flowable]:
    by_id = {c.id: c for c in data.candidates}
    scores = data.ranking.get(track, [])
    w = data.config.track_weights(track)
    adjusted = data.adjustment.by_candidate() if data.adjustment is not None else None
    head = ["Rank", "Application no.", "Name / Nom", "Written", "Interview", "Composite",
            "Decision / Décision"]
    if adjusted is not None:
        head.insert(5, "Adjusted*")
    rows: list[list[object]] = [head]
    counts = {"admit": 0, "waitlist": 0, "reject": 0, "pending": 0}
    overrides: list[CandidateData] = []
    for s in scores:
        c = by_id[s.candidate_id]
        rank = f"{s.rank}{'=' if s.tied else ''}" if s.state == ScoreState.RANKED else "—"
        decision = decision_text(c.outcome, c.option_code)
        if c.override_reason:
            decision += " †"
            overrides.append(c)
        counts[c.outcome if c.outcome in counts else "pending"] += 1
        composite = score(s.composite) if s.state == ScoreState.RANKED else STATE_LABEL[s.state]
        row: list[object] = [rank, c.application_number, TextLine(c.name, 8),
                             score(s.written), score(s.interview), composite, decision]
        if adjusted is not None:
            adj = adjusted.get(c.id)
            row.insert(5, f"{adj.adjusted:.2f}" if adj is not None and s.interview is not None
                       else "")
        rows.append(row)
    out: list[Flowable] = [
        CondPageBreak(40 * mm),
        para(f"{TRACK_LABEL[track]} — {len(scores)} candidates", "h2"),
        para(f"Composite /20 = ({w.written} × written + {w.interview} × interview) / "
             f"({w.written + w.interview}). Ties: interview, then written score, then "
             "application number; '=' marks candidates equal on all three scores.", "muted"),
        Spacer(0, 2 * mm),
    ]
    if len(rows) == 1:
        out.append(para("No candidate in this track.", "muted"))
        return out
    # laid out a page at a time: a track of thousands stays linear to print
    if adjusted is None:
        out.append(PagedGrid(rows, [12 * mm, 27 * mm, 55 * mm, 16 * mm, 17 * mm, 20 * mm,
                                    33 * mm], align_right=(3, 4, 5), align_center=(0,)))
    else:
        out.append(PagedGrid(rows, [11 * mm, 25 * mm, 44 * mm, 15 * mm, 16 * mm, 16 * mm,
                                    19 * mm, 34 * mm], align_right=(3, 4, 5, 6),
                             align_center=(0,)))
    out.append(Spacer(0, 2 * mm))
    out.append(para(f"Admitted: {counts['admit']} · Waitlisted: {counts['waitlist']} · "
                    f"Rejected: {counts['reject']} · No decision yet: {counts['pending']}",
                    "body"))
    if overrides:
        out.append(para("† Admitted without a complete composite score, on the chair's stated "
                        "reason / Admis sans note composite complète, pour le motif indiqué :",
                        "body", bold=True))
        out.extend(para(f"{c.application_number} {c.name}: {c.override_reason}", "body")
                   for c in overrides)
    return out


def adjustment_section(data: MissionData) -> list[Flowable]:
    """The method of the adjusted interview score, both languages, and each assessor's
    estimated severity: printed whenever the column is."""
    adj = data.adjustment
    if adj is None:
        return []
    names = {i: name for i, name, _r, _c in data.assessors}
    rows: list[list[object]] = [["Assessor / Évaluateur", "Severity / Sévérité",
                                 "95% interval / intervalle", "Candidates", "Applied / Appliqué"]]
    for a in adj.severities:
        e = a.severity
        interval = "—" if math.isnan(e.low) else f"{e.low:+.2f} … {e.high:+.2f}"
        rows.append([TextLine(names.get(a.assessor_id, a.assessor_id), 8), f"{e.value:+.2f}",
                     interval, str(e.n), "yes / oui" if a.applied else
                     "no: too few / non : trop peu"])
    # one block: the method is never read apart from the severities it produced
    return [KeepTogether([
        para("* Adjusted interview score / Note d'entretien ajustée", "h2"),
        para(adj.method_en, "body"), Spacer(0, 1.5 * mm), para(adj.method_fr, "body"),
        Spacer(0, 2 * mm),
        grid(rows, [55 * mm, 32 * mm, 42 * mm, 18 * mm, 33 * mm], zebra=False),
        para("Severity in points /20; > 0: more lenient than the average scorecard, so "
             "the adjusted score is lower / Sévérité en points sur 20 ; > 0 : plus "
             "indulgent que la moyenne, la note ajustée baisse.", "muted")])]


def signature_block(data: MissionData, when: dt.datetime) -> Flowable:
    place = data.city or data.country
    rows: list[list[object]] = []
    cells: list[object] = []
    for _id, name, _role, chair in data.assessors:
        label = "Chair / Président(e) du jury" if chair else "Member / Membre du jury"
        cells.append([TextLine(name, 9, bold=True), para(label, "muted"), Spacer(0, 14 * mm),
                      para("Signature", "muted")])
        if len(cells) == 2:
            rows.append(cells)
            cells = []
    if cells:
        rows.append([*cells, ""])
    table = Table(rows, colWidths=[90 * mm, 90 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, 8),
        ("BOX", (0, 0), (-1, -1), 0.4, RULE), ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5)]))
    return KeepTogether([
        para("Signatures", "h2"),
        para(f"Done at {place}, on {when:%d %B %Y} / Fait à {place}, le {when:%d/%m/%Y}. "
             "The undersigned members of the jury certify that the ranking and decisions above "
             "are those adopted by the jury.", "body"),
        Spacer(0, 3 * mm), table])


def ranking_story(data: MissionData, now: dt.datetime | None = None) -> list[Flowable]:
    when = local_now(data.timezone, now)
    total = len(data.candidates)
    story: list[Flowable] = [
        para(TITLE, "title"),
        para(f"{data.name} — {data.city}, {data.country} — {data.start_date} to "
             f"{data.end_date}. {total} candidates.", "subtitle"),
        para("The jury / Composition du jury", "h2"), _panel(data),
    ]
    for track in (Track.FREE_MOVER, Track.DOUBLE_DEGREE):
        story += _track_table(data, track)
    story += adjustment_section(data)
    story.append(Spacer(0, 4 * mm))
    story.append(rich("<b>Decision</b>: the chair's proposal recorded on the desk; "
                      "'—' means none recorded yet. Scores are computed by the desk from "
                      "submitted scorecards and written marks, never typed.", "muted"))
    story.append(signature_block(data, when))
    return story


def write_ranking(data: MissionData, out: Path | str | IO[bytes],
                  now: dt.datetime | None = None) -> None:
    build_pdf(out, data.header(TITLE, now=now), ranking_story(data, now), author=data.chair)
