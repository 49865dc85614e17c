"""``mission-desk report``: exit 0 and a PDF; exit 1 with one line on a user error."""

from __future__ import annotations

import argparse

from app import cli
from tests.reports.pdftext import pdf_text


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return cli.run(args.handler, args)


def test_report_subcommand(tmp_path, capsys):
    d = str(tmp_path / "desk")
    assert run(["init-demo", "--data-dir", d, "--candidates", "12"]) == 0
    capsys.readouterr()
    for kind in ("ranking", "candidate", "attendance", "mark-sheets", "blank-sheets"):
        out = tmp_path / f"{kind}.pdf"
        assert run(["report", kind, "--out", str(out), "--data-dir", d]) == 0
        assert out.read_bytes().startswith(b"%PDF-")
        assert f"written to {out}" in capsys.readouterr().out
        assert not list(tmp_path.glob("*.part"))
    out = tmp_path / "one.pdf"
    assert run(["report", "candidate", "--candidate", "APP-2027-00002", "--out", str(out),
                "--data-dir", d]) == 0
    assert "APP-2027-00002" in pdf_text(out) and "APP-2027-00003" not in pdf_text(out)


def test_report_user_errors(tmp_path, capsys):
    empty = str(tmp_path / "empty")
    out = tmp_path / "r.pdf"
    assert run(["report", "ranking", "--out", str(out), "--data-dir", empty]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no mission" in err
    assert not out.exists()
    d = str(tmp_path / "desk")
    assert run(["init-demo", "--data-dir", d, "--candidates", "5"]) == 0
    capsys.readouterr()
    assert run(["report", "candidate", "--candidate", "NOPE", "--out", str(out),
                "--data-dir", d]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no candidate NOPE" in err
    assert run(["report", "ranking", "--out", str(tmp_path / "no" / "r.pdf"),
                "--data-dir", d]) == 1
    assert "does not exist" in capsys.readouterr().err
