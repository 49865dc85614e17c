"""Child process of test_durability: makes edits forever, reporting each one that returned."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.store.database import Store
from app.store.edits import EditService
from app.store.models import Candidate


def main(data_dir: str, mission_id: str, actor_id: str) -> None:
    store = Store.open(Path(data_dir))
    svc = EditService(store, mission_id, actor_id)
    with store.read() as s:
        ids = list(s.scalars(select(Candidate.id).order_by(Candidate.application_number)))
    i = 0
    while True:
        cid = ids[i % len(ids)]
        value = Decimal(i % 81) / 4
        result = svc.set_mark(cid, "maths", value)
        i += 1
        if result.mutation_id is None:  # the mark already had this value: nothing to keep
            continue
        # Reported only once the call has returned: from here on the edit must survive.
        sys.stdout.write(f"{result.mutation_id} {result.row_id} {value}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(*sys.argv[1:4])
