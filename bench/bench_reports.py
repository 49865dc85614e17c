"""Report generation: the jury minutes (ranking PDF) at two mission sizes against its floor,
300 candidate interview reports, and the sheets. Prints figures; asserts nothing.

    python bench/bench_reports.py [--ranking 1000] [--ranking-large 5000] [--candidates 300]
                                  [--repeat 3]

Floor (DESIGN.md §9), interleaved with the real job: the same rows (rank, number, name, scores,
decision) written as plain ReportLab tables of one page each, built from the same loaded data.
Target: linear in candidates, <= 0.6 ms per candidate at 20,000; the figure is ms per candidate.

Each figure is the whole user-visible job: load from the encrypted store, lay out, write the
PDF (fonts subsetted and embedded). The first run of a process also registers the fonts; it is
reported separately ("cold").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _time(fn, repeat: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    cold = time.perf_counter()
    fn()
    cold = time.perf_counter() - cold
    runs = [cold] if repeat < 1 else []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return cold, statistics.median(runs), max(runs)


def plain_tables(data, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The floor: the ranking's rows as plain one-page ReportLab tables."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

    from app.reports.ranking import decision_text, score

    by_id = {c.id: c for c in data.candidates}
    rows = []
    for scores in data.ranking.values():
        for x in scores:
            c = by_id[x.candidate_id]
            rows.append([str(x.rank or "-"), c.application_number, c.name, score(x.written),
                         score(x.interview), score(x.composite),
                         decision_text(c.outcome, c.option_code)])
    story = []
    per_page = 48
    for i in range(0, len(rows), per_page):
        story += [Table(rows[i:i + per_page]), PageBreak()]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ranking", type=int, default=1000, help="candidates in the mission")
    ap.add_argument("--ranking-large", type=int, default=5000,
                    help="a second, larger mission for the ranking's linearity")
    ap.add_argument("--candidates", type=int, default=300, help="candidate reports")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep the PDFs made in DIR (e.g. to render docs/reports/*.png)")
    args = ap.parse_args()
    os.environ.setdefault("MISSION_DESK_KEYRING", "off")
    os.environ.setdefault("MISSION_DESK_PASSPHRASE", "benchmark passphrase")
    from pypdf import PdfReader

    from app.demo import init_demo
    from app.domain.scoring import ScoreState
    from app.reports.build import ReportKind, generate
    from app.store.database import Store
    from app.store.edits import EditService
    from app.store.ranking import load_ranking

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from app.reports.load import load_mission_data
    from bench.floor import interleave, report

    def decide(store: Store, mission: str, chair: str) -> None:
        """The chair's proposals as at the jury's meeting: the top third of each track
        admitted to their first wish, the next sixth waitlisted, the rest rejected."""
        edits = EditService(store, mission, chair)
        with store.read() as s:
            ranking = load_ranking(s, mission)
        for scores in ranking.values():
            ranked = [x for x in scores if x.state == ScoreState.RANKED]
            for i, x in enumerate(ranked):
                share = i / max(1, len(ranked))
                if share < 1 / 3:
                    edits.set_decision(x.candidate_id, "admit", option_code="ING-GEN",
                                       rationale="Ranked in the top third of the track.")
                elif share < 0.5:
                    edits.set_decision(x.candidate_id, "waitlist")
                else:
                    edits.set_decision(x.candidate_id, "reject")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = Store.open(folder / "big")
        big_mission, big_chair = init_demo(big, candidates=args.ranking)
        decide(big, big_mission, big_chair)
        small = Store.open(folder / "small")
        small_mission, small_chair = init_demo(small, candidates=args.candidates)
        decide(small, small_mission, small_chair)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
        jobs = [
            (f"ranking PDF, {args.ranking} candidates (budget <= 2 s)", big, big_mission,
             ReportKind.RANKING),
            (f"{args.candidates} candidate reports, one PDF", small, small_mission,
             ReportKind.CANDIDATE),
            (f"attendance sheets, {args.ranking} candidates", big, big_mission,
             ReportKind.ATTENDANCE),
            (f"mark sheets, {args.ranking} candidates", big, big_mission,
             ReportKind.MARK_SHEETS),
            (f"blank score sheets, {args.candidates} candidates", small, small_mission,
             ReportKind.BLANK_SHEETS),
        ]
        print(f"{'report':<48} {'cold s':>7} {'median s':>9} {'max s':>7} {'pages':>6} "
              f"{'KB':>6}")
        for label, store, mission, kind in jobs:
            out = (args.keep or folder) / f"{kind.value}.pdf"
            cold, median, worst = _time(lambda s=store, m=mission, k=kind, o=out:
                                        generate(s, m, k, o), args.repeat)
            pages = len(PdfReader(str(out)).pages)
            print(f"{label:<48} {cold:7.2f} {median:9.2f} {worst:7.2f} {pages:6d} "
                  f"{out.stat().st_size // 1024:6d}")
        for size in (args.ranking, args.ranking_large):
            store = Store.open(folder / f"ranking-{size}")
            mission, chair = init_demo(store, candidates=size)
            decide(store, mission, chair)
            out, floor_out = folder / f"r{size}.pdf", folder / f"f{size}.pdf"

            def floor_job(_i: int, st: Store = store, m: str = mission, o: Path = floor_out
                          ) -> None:
                with st.read() as session:
                    plain_tables(load_mission_data(session, m, with_details=False), o)

            real, base = interleave(lambda _i, st=store, m=mission, o=out: generate(
                st, m, ReportKind.RANKING, o), floor_job, args.repeat, warmup=1)
            per = statistics.median(real) * 1000 / size
            report(f"ranking PDF, {size} candidates, per candidate", per,
                   statistics.median(base) * 1000 / size, "ms",
                   "linear; <= 0.6 ms each at 20,000",
                   note=f"{len(PdfReader(str(out)).pages)} pages")
            store.close()
        big.close()
        small.close()


if __name__ == "__main__":
    main()
