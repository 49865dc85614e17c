"""Candidate import from the platform's CSV / XLSX exports."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.domain.enums import Track
from app.importers.candidates import ImportFormatError, import_into, read_candidates
from app.store.models import AuditEntry, Candidate, OutboxMutation

EN = ("Application number,Family name,Given names,Date of birth,Nationality,E-mail,"
      "Home institution,Track,Partner institution,Wish 1,Wish 2\n")
FR = ("N° de candidature;Nom;Prénoms;Date de naissance;Nationalité;Courriel;"
      "Établissement d'origine;Filière;Établissement partenaire;Vœux\n")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_english_csv(tmp_path):
    p = write(tmp_path, "c.csv", EN
              + "APP-1,Nguyễn,Thị Ánh,2004-03-02,Vietnamese,anh@x.vn,HUST,Free mover,,ING-GEN,"
                "MSC-DATA\n"
              + 'APP-2,"Gonçalves","João",02/11/2003,Brazilian,,USP,double degree,'
                "Universidade de São Paulo,MSC-ENERGY,\n")
    report = read_candidates(p)
    assert report.errors == []
    a, b = report.records
    assert (a.family_name, a.given_names, a.birth_date, a.track, a.wishes) == (
        "Nguyễn", "Thị Ánh", dt.date(2004, 3, 2), Track.FREE_MOVER, ("ING-GEN", "MSC-DATA"))
    assert (b.family_name, b.birth_date, b.track, b.partner_institution) == (
        "Gonçalves", dt.date(2003, 11, 2), Track.DOUBLE_DEGREE, "Universidade de São Paulo")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_french_headers_and_encodings(tmp_path, encoding):
    text = FR + ("2027-7;Hernández;José Ángel;15/04/2004;Mexicaine;jose@x.mx;IPN;Free mover;;"
                 "ING-GEN|MSC-DATA\n"
                 "2027-8;Müller-Lüdenscheidt;Zoë;1.2.2003;Allemande;;TUM;FM;;\n")
    report = read_candidates(write(tmp_path, "fr.csv", text, encoding))
    assert report.errors == []
    assert [r.family_name for r in report.records] == ["Hernández", "Müller-Lüdenscheidt"]
    assert report.records[0].wishes == ("ING-GEN", "MSC-DATA")
    assert report.encoding == encoding


def test_names_in_any_script_are_kept_exactly_in_nfc(tmp_path):
    nfd = "Nguye\u0302\u0303n"
    p = write(tmp_path, "s.csv", EN + f"A1,{nfd},Ánh,,,,,FM,,,\nA2,王,秀英,,,,,FM,,,\n"
                                   "A3,शर्मा,प्रिया,,,,,FM,,,\n")
    names = [(r.family_name, r.given_names) for r in read_candidates(p).records]
    assert names == [("Nguyễn", "Ánh"), ("王", "秀英"), ("शर्मा", "प्रिया")]


def test_bad_rows_reported_with_line_and_reason_good_rows_kept(tmp_path):
    p = write(tmp_path, "bad.csv", EN
              + "A1,Lê,Văn,2004-01-01,,,,FM,,,\n"          # line 2 ok
              + "A2,,Minh,2004-01-01,,,,FM,,,\n"           # line 3 no family name
              + "A3,Phạm,An,31/02/2004,,,,FM,,,\n"          # line 4 impossible date
              + "A1,Lê,Văn bis,2004-01-01,,,,FM,,,\n"       # line 5 repeated number
              + "A5,Vũ,Hà,,,,,exchange,,,\n"                # line 6 unknown track
              + "A6,Đỗ,Lan,,,bad-mail,,FM,,,\n"             # line 7 bad e-mail
              + "A7,Hồ,Nam,,,,,double degree,,,\n"          # line 8 DD without partner
              + "\n"                                        # line 9 blank: ignored
              + '"A8","Bùi ""Bob""",Ngọc,,,,,FM,,,\n')      # line 10 ok, quotes
    report = read_candidates(p)
    assert [r.application_number for r in report.records] == ["A1", "A8"]
    assert report.records[1].family_name == 'Bùi "Bob"'
    lines = {e.line: e.reason for e in report.errors}
    assert set(lines) == {3, 4, 5, 6, 7, 8}
    assert "family_name" in lines[3]
    assert "birth date" in lines[4]
    assert "repeats line 2" in lines[5]
    assert "exchange" in lines[6]
    assert "e-mail" in lines[7]
    assert "partner" in lines[8]


def test_xlsx_with_dates_and_numbers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Numéro de candidature", "Nom de famille", "Prénom", "Date de naissance",
               "Filière", "Établissement partenaire"])
    ws.append([20270001, "Trần", "Quốc Bảo", dt.datetime(2003, 5, 6), "Double diplôme",
               "HUST"])
    ws.append([None, None, None, None, None, None])
    ws.append([20270002, "李", "嘉怡", None, "free mover", None])
    ws.append([20270003, "Sá", "Caio", "not a date", "free mover", None])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    report = read_candidates(path)
    assert [(r.application_number, r.family_name) for r in report.records] == [
        ("20270001", "Trần"), ("20270002", "李")]
    assert report.records[0].birth_date == dt.date(2003, 5, 6)
    assert [(e.line, "birth date" in e.reason) for e in report.errors] == [(5, True)]


def test_missing_required_column_or_unknown_type(tmp_path):
    with pytest.raises(ImportFormatError, match="track"):
        read_candidates(write(tmp_path, "x.csv", "Application number,Family name\nA,B\n"))
    with pytest.raises(ImportFormatError, match=r"\.csv or \.xlsx"):
        read_candidates(write(tmp_path, "x.pdf", "nope"))
    with pytest.raises(ImportFormatError, match="Excel"):
        read_candidates(write(tmp_path, "x.xlsx", "not a zip"))
    with pytest.raises(ImportFormatError, match="empty"):
        read_candidates(write(tmp_path, "e.csv", "\n\n"))


def test_import_into_store_skips_numbers_already_there(demo, tmp_path):
    store, mission_id, chair_id = demo
    p = write(tmp_path, "c.csv", EN + "APP-2027-00001,Dup,Licate,,,,,FM,,,\n"
                                     "NEW-1,Nguyễn,Ánh,,,,,FM,,,\nNEW-2,王,伟,,,,,FM,,,\n")
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(Candidate))
    report = import_into(store, mission_id, chair_id, p)
    assert report.imported == 2
    assert [(e.line, "already on this desk" in e.reason) for e in report.errors] == [(2, True)]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Candidate)) == before + 2
        new = s.scalars(select(Candidate).where(Candidate.application_number == "NEW-1")).one()
        assert new.search_text == "nguyen anh new-1"
        muts = list(s.scalars(select(OutboxMutation).where(OutboxMutation.row_id == new.id)))
        assert len(muts) == 1 and muts[0].fields["family_name"] == "Nguyễn"
        assert muts[0].fields["mission_id"] == mission_id
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.row_id == new.id)) > 0
    # importing the same file again doubles nothing
    again = import_into(store, mission_id, chair_id, p)
    assert again.imported == 0 and len(again.errors) == 3
