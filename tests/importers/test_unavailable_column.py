"""The optional 'unavailable' import column (issue 13): read, checked item by item, kept."""

from pathlib import Path

from app.domain.planning import parse_unavailable
from app.importers.candidates import read_candidates


def test_unavailable_column_is_read_and_checked(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("Application number;Family name;Track;Indisponibilités\n"
                 "A-1;Lê;free mover;2027-03-02 09:00-12:00; 2027-03-03\n"
                 "A-2;Rao;free mover;\n"
                 "A-3;Kim;free mover;2027-03-02 12:00-09:00\n", encoding="utf-8")
    # the column's items are separated by ';', as is this file: quote the cell
    p.write_text(p.read_text(encoding="utf-8").replace(
        "2027-03-02 09:00-12:00; 2027-03-03", '"2027-03-02 09:00-12:00; 2027-03-03"'),
        encoding="utf-8")
    report = read_candidates(p)
    a1, a2 = report.records
    assert a1.unavailable == "2027-03-02 09:00-12:00; 2027-03-03"
    assert len(parse_unavailable(a1.unavailable)) == 2
    assert a2.unavailable == ""
    [err] = report.errors
    assert err.line == 4 and "unavailable" in err.reason and "12:00-09:00" in err.reason


def test_desk_import_keeps_the_column_and_sends_it(demo, tmp_path: Path) -> None:
    from sqlalchemy import select

    from app.importers.candidates import import_into
    from app.store.models import Candidate, OutboxMutation

    store, mission_id, chair_id = demo
    p = tmp_path / "c.csv"
    p.write_text("Application number,Family name,Track,Unavailable\n"
                 "NEW-1,Lê,free mover,2027-02-10 14:00-18:00\n", encoding="utf-8")
    assert import_into(store, mission_id, chair_id, p).imported == 1
    with store.read() as s:
        cand = s.scalars(select(Candidate).where(Candidate.application_number == "NEW-1")).one()
        sent = s.scalars(select(OutboxMutation).where(OutboxMutation.row_id == cand.id)).one()
    assert cand.unavailable == sent.fields["unavailable"] == "2027-02-10 14:00-18:00"
