"""The candidate interview report: identity, track, wishes, written marks, every panel
scorecard with the chosen level's description, composite score and decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from app.domain.enums import Track
from app.domain.marks import mark_from_wire, subject_result
from app.domain.scoring import ScoreState, scorecard_score

from .data import (
    RECOMMENDATION_LABEL,
    STATUS_LABEL,
    TRACK_LABEL,
    CandidateData,
    CardData,
    MissionData,
)
from .fonts import SANS_BOLD, needs_shaping
from .layout import Section, TextLine, build_pdf, mission_zone, para, rich
from .ranking import STATE_LABEL, decision_text, score
from .styles import HEAD_FILL
from .tables import grid

TITLE = "Compte rendu d'entretien / Candidate interview report"


def interview_time(starts_at: str | None, tz: str) -> str:
    """An interview slot in the mission's time zone (stored slots without an offset are
    already local)."""
    if not starts_at:
        return "not scheduled"
    try:
        when = dt.datetime.fromisoformat(starts_at)
    except ValueError:
        return starts_at
    if when.tzinfo is not None:
        when = when.astimezone(mission_zone(tz))
    return f"{when:%Y-%m-%d %H:%M} ({tz})"


def _identity(data: MissionData, c: CandidateData) -> Flowable:
    rows: list[list[object]] = [
        ["Application no.", c.application_number, "Status", STATUS_LABEL.get(c.status, c.status)],
        ["Family name / Nom", TextLine(c.family_name, 8.5, bold=True),
         "Given names / Prénoms", TextLine(c.given_names, 8.5, bold=True)],
        ["Birth date", c.birth_date or "", "Nationality", para(c.nationality, "cell")],
        ["E-mail", para(c.email, "cell"), "Track / Filière", TRACK_LABEL[c.track]],
        ["Home institution", para(c.home_institution, "cell"), "Partner institution",
         para(c.partner_institution or "—", "cell")],
        ["Interview", interview_time(c.interview_at, data.timezone), "Room / Salle",
         c.room or "—"],
        ["Panel / Jury", para(", ".join(c.panel) or "—", "cell"), "", ""],
    ]
    return grid(rows, [34 * mm, 56 * mm, 36 * mm, 54 * mm], header_rows=0, zebra=False,
                extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
                       ("BACKGROUND", (2, 0), (2, -2), HEAD_FILL),
                       ("FONT", (0, 0), (0, -1), SANS_BOLD, 8),
                       ("FONT", (2, 0), (2, -2), SANS_BOLD, 8),
                       ("SPAN", (1, 6), (3, 6))])


def _wishes(data: MissionData, c: CandidateData) -> list[Flowable]:
    if not c.wishes:
        return [para("No programme wish recorded.", "muted")]
    # Non-breaking spaces inside a wish: a line may break between wishes, not within one.
    items = [f"<b>{i}.</b>&nbsp;{escape(code)}&nbsp;({escape(data.option_label(code))})"
             for i, code in enumerate(c.wishes, 1)]
    return [rich("; ".join(items), "body")]


def _marks(data: MissionData, c: CandidateData) -> list[Flowable]:
    if c.track == Track.DOUBLE_DEGREE and not c.marks:
        return [para("Double-degree candidate: preselected by the partner institution, no "
                     "written test.", "muted")]
    rows: list[list[object]] = [["Subject / Épreuve", "Coef.", "Marks by marker", "Mark",
                                 "Max"]]
    for s in data.config.subjects:
        readings = c.marks.get(s.key, [])
        values = [v for v in (mark_from_wire(w) for _m, w in readings) if v is not None]
        result = subject_result(values)
        shown = "—" if result is None else str(result)
        detail = "; ".join(f"{m}: {w}" for m, w in readings) or "no mark yet"
        rows.append([para(f"{s.label} / {s.label_fr}" if s.label_fr else s.label, "cell"),
                     str(s.coefficient), para(detail, "cell"), shown, str(s.max_mark)])
    return [grid(rows, [62 * mm, 13 * mm, 75 * mm, 15 * mm, 15 * mm], zebra=False,
                 align_right=(1, 3, 4))]


def _card(data: MissionData, card: CardData) -> Flowable:
    rubric = data.config.rubric
    state = "submitted" if card.submitted else "draft, not submitted (not counted)"
    points = scorecard_score(data.config, card.levels)
    head = f"Scorecard of {card.author} — {state}"
    if points is not None:
        head += f" — {float(points):.2f}/20"
    rows: list[list[object]] = [["Criterion / Critère", "Level", "Description of the level"]]
    for crit in rubric.criteria:
        value = card.levels.get(crit.key)
        label = crit.label  # English only here: the full bilingual rubric is on the sheets
        if value is None:
            rows.append([para(label, "cell"), "—", para("not scored", "muted")])
            continue
        try:
            level = crit.level(value)
            rows.append([para(label, "small"),
                         f"{value}/{crit.max_level}",
                         rich(f"<b>{escape(level.label)}</b>. {escape(level.description)}",
                              "small")])
        except KeyError:
            rows.append([para(label, "cell"), str(value), para("outside the scale", "cell")])
    rec = RECOMMENDATION_LABEL.get(card.recommendation or "", "none")
    line = f"<b>Recommendation / Avis</b>: {escape(rec)}"
    notes: list[Flowable] = []
    if card.notes and needs_shaping(card.notes):
        line += " &nbsp;·&nbsp; <b>Notes</b>:"
        notes.append(para(card.notes, "body"))
    elif card.notes:
        line += f" &nbsp;·&nbsp; <b>Notes</b>: {escape(card.notes)}"
    return KeepTogether([
        para(head, "h3"),
        grid(rows, [48 * mm, 11 * mm, 121 * mm], zebra=False, align_center=(1,),
             font_size=7.5, extra=[("TOPPADDING", (0, 0), (-1, -1), 1.4),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4)]),
        Spacer(0, 1 * mm),
        rich(line, "body"),
        *notes,
    ])


def _missing_label(data: MissionData, item: str) -> str:
    if item.startswith("mark:"):
        key = item.removeprefix("mark:")
        try:
            return f"{data.config.subject(key).label} mark"
        except KeyError:
            return f"{key} mark"
    return "a submitted scorecard" if item == "scorecard" else item


def _outcome(data: MissionData, c: CandidateData) -> list[Flowable]:
    s = c.score
    w = data.config.track_weights(c.track)
    if s is None:
        state = "not scored"
    elif s.state == ScoreState.RANKED:
        track = TRACK_LABEL[c.track].split(" / ")[0].lower()
        state = f"rank {s.rank}{' (tied)' if s.tied else ''} among {track}"
    else:
        state = STATE_LABEL[s.state].lower()
        if s.missing:
            state += " — missing: " + ", ".join(_missing_label(data, m) for m in s.missing)
    rows: list[list[object]] = [
        ["Written /20", "Interview /20", "Composite /20", "Standing", "Decision / Décision"],
        [score(s.written) if s else "", score(s.interview) if s else "",
         score(s.composite) if s else "", para(state, "cell"),
         [para(decision_text(c.outcome, c.option_code) if c.outcome else "none recorded yet",
               "cell_bold"),
          *([para(data.option_label(c.option_code), "small")]
            if c.outcome == "admit" and c.option_code else [])]],
    ]
    out: list[Flowable] = [
        grid(rows, [25 * mm, 25 * mm, 27 * mm, 55 * mm, 48 * mm], zebra=False,
             align_right=(0, 1, 2)),
        para(f"Composite = ({w.written} × written + {w.interview} × interview) / "
             f"({w.written + w.interview}); interview = mean of submitted scorecards.",
             "muted"),
    ]
    if c.rationale and needs_shaping(c.rationale):
        out += [Spacer(0, 1 * mm), rich("<b>Rationale / Motivation de la décision</b>:"),
                para(c.rationale, "body")]
    elif c.rationale:
        out += [Spacer(0, 1 * mm), rich("<b>Rationale / Motivation de la décision</b>: "
                                        + escape(c.rationale))]
    return out


def _signature(data: MissionData) -> Flowable:
    """The chair signs each report: name, then boxes for the signature and the date."""
    rows = [[[para("Chair of the jury / Président(e) du jury", "muted"),
              TextLine(data.chair, 9, bold=True)],
             para("Signature", "muted"), para("Date", "muted")]]
    return grid(rows, [70 * mm, 75 * mm, 35 * mm], header_rows=0, zebra=False,
                extra=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 11 * mm)])


def candidate_story(data: MissionData, c: CandidateData) -> list[Flowable]:
    story: list[Flowable] = [
        Section(c.application_number),
        TextLine(c.name, 16, bold=True),
        Spacer(0, 1 * mm),
        para(f"{c.application_number} · {TRACK_LABEL[c.track]}", "muted"),
        Spacer(0, 2 * mm),
        _identity(data, c),
        para("Programme wishes / Vœux", "h2"), *_wishes(data, c),
        para("Written tests / Épreuves écrites", "h2"), *_marks(data, c),
        para("Interview scorecards / Grilles d'entretien", "h2"),
    ]
    if c.cards:
        for card in c.cards:
            story.append(_card(data, card))
            story.append(Spacer(0, 2 * mm))
    else:
        story.append(para("No scorecard yet.", "muted"))
    story.append(para("Result / Résultat", "h2"))
    story += _outcome(data, c)
    story.append(Spacer(0, 3 * mm))
    story.append(_signature(data))
    return story


def write_candidates(data: MissionData, candidates: Iterable[CandidateData], out: Path | str,
                     now: dt.datetime | None = None) -> int:
    """One report per candidate, each starting on a new page, in one PDF; returns how many."""
    story: list[Flowable] = []
    count = 0
    for c in candidates:
        if count:
            story.append(PageBreak())
        story += candidate_story(data, c)
        count += 1
    if not count:
        story.append(para("No candidate.", "body"))
    build_pdf(out, data.header(TITLE, now=now), story, author=data.chair)
    return count
