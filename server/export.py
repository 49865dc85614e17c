"""A mission's results as one row per candidate (CSV or XLSX), formulas neutralised.

Columns: identity of the candidate, status, each subject's marks (every marker's, in
marker-name order, joined by " / "), each submitted scorecard (author, levels per criterion,
recommendation, submitted; a draft is left out: it is no result, and the blind panel holds in
every file), the written / interview / composite scores and rank computed by
app.domain.scoring.rank with the mission's configuration, and the chair's decision (with the
override reason of an admit made without a complete composite score).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.marks import ABSENT
from app.export.cells import append_xlsx_row, neutralise_row, sheet_title

from .models import Assessor, Candidate, Decision, Mark, Mission, Scorecard
from .scores import mission_config, mission_rankings, scores_by_candidate


def _fmt(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):.2f}"


def result_rows(s: Session, mission: Mission) -> tuple[list[str], list[list[Any]]]:
    config = mission_config(mission.config)
    names = dict(s.execute(select(Assessor.id, Assessor.name).where(
        Assessor.mission_id == mission.id)).all())
    live = (Candidate.mission_id == mission.id, Candidate.deleted.is_(False))
    candidates = list(s.scalars(select(Candidate).where(*live).order_by(
        Candidate.application_number)))
    marks: dict[str, dict[str, list[tuple[str, str | None]]]] = defaultdict(
        lambda: defaultdict(list))
    for m in s.scalars(select(Mark).where(Mark.mission_id == mission.id,
                                          Mark.deleted.is_(False))):
        marks[m.candidate_id][m.subject].append((names.get(m.marker_id, ""), m.value))
    cards: dict[str, list[Scorecard]] = defaultdict(list)
    # a draft is no result, and the blind panel holds in every file: submitted cards only
    for c in s.scalars(select(Scorecard).where(Scorecard.mission_id == mission.id,
                                               Scorecard.deleted.is_(False),
                                               Scorecard.submitted.is_(True))):
        cards[c.candidate_id].append(c)
    decisions = {d.candidate_id: d for d in s.scalars(select(Decision).where(
        Decision.mission_id == mission.id, Decision.deleted.is_(False)))}

    scores = scores_by_candidate(mission_rankings(s, [mission.id]))

    max_cards = max((len(v) for v in cards.values()), default=0)
    criteria = config.rubric.keys
    header = ["application_number", "family_name", "given_names", "track", "status"]
    header += [f"mark_{subj.key}" for subj in config.subjects]
    for i in range(1, max_cards + 1):
        header += [f"scorecard{i}_author"] + [f"scorecard{i}_{k}" for k in criteria] + [
            f"scorecard{i}_recommendation", f"scorecard{i}_submitted"]
    header += ["written_score", "interview_score", "composite_score", "state", "rank",
               "tied", "third_reading", "decision", "option", "rationale", "override_reason"]
    rows: list[list[Any]] = []
    for c in candidates:
        row: list[Any] = [c.application_number, c.family_name, c.given_names, c.track, c.status]
        for subj in config.subjects:
            values = sorted(marks[c.id].get(subj.key, []), key=lambda t: t[0])
            row.append(" / ".join(_mark_text(v) for _, v in values if v is not None))
        own = sorted(cards[c.id], key=lambda sc: names.get(sc.author_id, ""))
        for i in range(max_cards):
            if i < len(own):
                sc = own[i]
                row += [names.get(sc.author_id, "")] + [
                    (sc.levels or {}).get(k, "") for k in criteria] + [
                    sc.recommendation or "", "yes" if sc.submitted else "no"]
            else:
                row += [""] * (len(criteria) + 3)
        score = scores[c.id]
        d = decisions.get(c.id)
        row += [_fmt(score.written), _fmt(score.interview), _fmt(score.composite),
                score.state.value, score.rank or "", "yes" if score.tied else "",
                " ".join(score.third_reading), (d.outcome or "") if d else "",
                (d.option_code or "") if d else "", d.rationale if d else "",
                d.override_reason if d and d.outcome == "admit" else ""]
        rows.append(row)
    return header, rows


def _mark_text(value: str) -> str:
    return "abs" if value == ABSENT else format(Decimal(value), "f")


def _safe_rows(header: list[str], rows: list[list[Any]]) -> Iterator[list[Any]]:
    yield neutralise_row(header)
    for r in rows:
        yield neutralise_row(r)


FORMATS = ("csv", "xlsx")


def results_file(s: Session, mission: Mission, fmt: str, out: IO[bytes]) -> int:
    """Write the results as ``fmt`` (csv: UTF-8 with a BOM, for spreadsheets; xlsx) to a
    binary stream; returns the number of candidate rows."""
    header, rows = result_rows(s, mission)
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        csv.writer(text).writerows(_safe_rows(header, rows))
        text.flush()
        text.detach()  # the caller owns the stream
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title(mission.code)
        for r in [header, *rows]:
            append_xlsx_row(ws, r)
        wb.save(out)
    else:
        raise ValueError(f"export writes {' or '.join(FORMATS)}, not {fmt!r}")
    return len(rows)


def write_results(s: Session, mission: Mission, out: Path) -> int:
    """Write the results file (.csv or .xlsx, by its suffix); returns the number of rows."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{out.name}: export writes .csv or .xlsx files")
    with out.open("wb") as fh:
        return results_file(s, mission, fmt, fh)
