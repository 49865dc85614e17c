"""The import changes nothing it reads (issue 11, item 10): standard CSV quoting however late
the first doubled quote comes, XLSX formula cells taken as their text with a warning."""

from pathlib import Path

from openpyxl import Workbook

from app.export.cells import neutralise_row
from app.importers.candidates import guess_delimiter, read_candidates

HEADER = "Application number;Family name;Given names;Track\n"


def _plain_rows(n: int) -> str:
    # quoted fields without any doubled quote: a sniffer reading only these guesses that
    # quotes are never doubled
    return "".join(f'APP-{i:04d};"Nguyễn Văn";"An {i}";free mover\n' for i in range(n))


def test_doubled_quotes_after_the_first_8_kb_are_read_as_standard_csv(tmp_path: Path) -> None:
    text = (HEADER + _plain_rows(300)
            + 'LATE-1;"Maria ""Mia""";"=HYPERLINK(""http://x"")";free mover\n'
            + 'LATE-2;"Silva; Souza";"Ana ""Aninha"" Maria";free mover\n')
    assert text.index("LATE-1") > 8192
    p = tmp_path / "late.csv"
    p.write_text(text, encoding="utf-8")
    report = read_candidates(p)
    assert report.errors == [] and len(report.records) == 302
    late = {r.application_number: r for r in report.records[-2:]}
    assert (late["LATE-1"].family_name, late["LATE-1"].given_names) == (
        'Maria "Mia"', '=HYPERLINK("http://x")')
    assert (late["LATE-2"].family_name, late["LATE-2"].given_names) == (
        "Silva; Souza", 'Ana "Aninha" Maria')


def test_only_the_delimiter_is_guessed() -> None:
    assert guess_delimiter("a;b;c\n1;2;3\n") == ";"
    assert guess_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert guess_delimiter("a,b,c\n1,2,3\n") == ","
    assert guess_delimiter("") == ","


def test_an_xlsx_formula_cell_is_imported_as_its_text_with_a_warning(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Application number", "Family name", "Given names", "Track", "Wish 1"])
    ws.append(["APP-1", '=HYPERLINK("http://x","Bob")', "Bob", "free mover", "=1+1"])
    ws.append(["APP-2", "Plain", "=not a formula", "free mover", None])
    ws["C3"].data_type = "s"  # a text cell that merely starts with "="
    path = tmp_path / "f.xlsx"
    wb.save(path)  # written by a script: no cached formula results
    report = read_candidates(path)
    assert report.errors == []
    a, b = report.records
    assert a.family_name == '=HYPERLINK("http://x","Bob")' and a.wishes == ("=1+1",)
    assert b.given_names == "=not a formula"
    assert [(w.line, w.reason.split(" holds")[0]) for w in report.warnings] == [
        (2, "family name"), (2, "wish 1")]
    assert "warning" in report.summary()
    # every export neutralises the text
    assert all(str(c).startswith("'") for c in neutralise_row([a.family_name, "=1+1"]))
