"""Grab the team-bundle dialogs in English and French: docs/screenshots/bundle-import-<lang>.png
(what a colleague's file holds, before anything is applied), bundle-result-<lang>.png (each
change's outcome: applied, a conflict with both values kept, a card kept hidden by the blind
panel) and bundle-export-<lang>.png (what went into the file written).

Two demo desks of one mission, made locally (the second is a copy of the first under another
desk identity and assessor) with a shared bundle key: the pictures show the screens; the
exchange through a real server is tested in tests/sync/test_bundles_e2e.py.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/bundle_screenshots.py
"""

from __future__ import annotations

import base64
import shutil
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.shot_app import screenshot_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    app, scratch = screenshot_app("mission-desk-bundle-shots-")
    from sqlalchemy import select

    from app.demo import init_demo
    from app.store import desk_key
    from app.store.database import Store, set_meta
    from app.store.edits import EditService
    from app.store.models import Assessor, Candidate, Interview, Scorecard
    from sync.bundle import new_bundle_key
    from sync.desk_bundles import export_bundle, import_bundle, preview
    from ui.app import translations
    from ui.dialogs.bundle import BundleDialog, export_lines, preview_lines, result_lines

    chair_store = Store.open(scratch / "chair")
    mission_id, chair_id = init_demo(chair_store, candidates=60, seed=11)
    chair_store.close()
    shutil.copytree(scratch / "chair", scratch / "prof")
    chair_store, prof_store = Store.open(scratch / "chair"), Store.open(scratch / "prof")
    with prof_store.read() as s:
        prof_id = s.scalar(select(Assessor.id).where(Assessor.is_chair.is_(False),
                                                     Assessor.role == "professor"))
        cands = list(s.scalars(select(Candidate.id).order_by(Candidate.application_number)
                               .limit(4)))
        carded = set(s.scalars(select(Scorecard.candidate_id).where(
            Scorecard.author_id == prof_id)))
        fresh = next(cid for cid, panel in s.execute(select(Interview.candidate_id,
                                                            Interview.panel))
                     if prof_id in (panel or []) and cid not in carded)
    assert prof_id is not None
    key = base64.b64encode(new_bundle_key()).decode()
    with prof_store.write() as s:
        set_meta(s, "client_id", str(uuid.uuid4()))
        set_meta(s, "current_assessor", prof_id)
    desks = []
    for store, who in ((chair_store, chair_id), (prof_store, prof_id)):
        with store.write() as s:
            desk_key.set_bundle_key(s, key)
            desks.append({"client_id": store.client_id, "assessor_id": who,
                          "public_key": desk_key.desk_public_key(s)})
    for store in (chair_store, prof_store):
        with store.write() as s:
            desk_key.add_team_desks(s, desks)
    chair = EditService(chair_store, mission_id, chair_id)
    prof = EditService(prof_store, mission_id, prof_id)
    chair.set_status(cands[0], "withdrawn")       # the chair's own, not yet sent
    prof.set_status(cands[0], "absent")           # the same field: a conflict
    for i, cid in enumerate(cands):
        prof.set_mark(cid, "maths", f"{11 + i}.5")
    prof.set_notes(fresh, "Clear, motivated; asks good questions.")  # not submitted
    data, header = export_bundle(prof_store)
    path = scratch / "prof-day3.mdbundle"
    path.write_bytes(data)
    seen = preview(chair_store, data)
    report = import_bundle(chair_store, data)
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget: object, name: str) -> None:
        for _ in range(10):
            app.processEvents()
        widget.grab().save(str(OUT / name))  # type: ignore[attr-defined]
        print(OUT / name)

    for lang in ("en", "fr"):
        translations(app).install(lang)
        tr = app.translate
        shots = [
            (BundleDialog(tr("BundleDialog", "Bundle exported"), export_lines(
                "E:/prof-day3.mdbundle", header.count, header.first_mid, header.last_mid,
                len(data))), f"bundle-export-{lang}.png"),
            (BundleDialog(tr("BundleDialog", "Import bundle"), preview_lines(seen, str(path)),
                          confirm=tr("BundleDialog", "Apply")), f"bundle-import-{lang}.png"),
            (BundleDialog(tr("BundleDialog", "Bundle imported"), result_lines(report),
                          outcomes=report.outcome.results), f"bundle-result-{lang}.png"),
        ]
        for dialog, name in shots:
            dialog.resize(720, dialog.sizeHint().height() if dialog.model is None else 460)
            dialog.show()
            save(dialog, name)
            dialog.close()
    chair_store.close()
    prof_store.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
