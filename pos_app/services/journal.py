"""The receipt journal (小票记录): every receipt document the till printed or tried to print, kept
in the till's database by number, so that any receipt of the shift (or any receipt by number) can
be reprinted as a copy (重打) after a restart, and a print that failed can be sent again.

`ReceiptJournal.record` is called by the print queue's worker thread after each attempt (never on
the GUI thread); the till's screens read it through `shift_receipts` and `find` in the background.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hardware.printing import PrintJob
from hardware.receipt import Receipt, from_data, to_data
from pos_app.store.models import ReceiptJournalRow

from .errors import NotFound
from .shifts import current_shift
from .till import Till

STATUSES = ("queued", "printed", "failed")


@dataclass(frozen=True)
class JournalEntry:
    number: str
    kind: str  # sale | refund | top_up | x_report | z_report | ...
    at: datetime
    status: str  # queued | printed | failed
    error: str
    copies: int  # reprints made of it
    receipt: Receipt


def _entry(row: ReceiptJournalRow) -> JournalEntry:
    return JournalEntry(
        row.number, row.kind, row.created_at, row.status, row.error, row.copies, from_data(row.document)
    )


class ReceiptJournal:
    def __init__(self, till: Till):
        self.till = till

    def record(self, job: PrintJob) -> None:
        """Write what happened to a print job (the print queue's worker thread calls this after
        each attempt). A copy counts as one more reprint of its receipt; the original's document
        is written once, with its latest status."""
        receipt = job.receipt
        if receipt is None:
            return
        status = job.status if job.status in STATUSES else "queued"
        with self.till.uow() as uow:
            row = uow.journal.get(receipt.number)
            if receipt.copy:
                if row is not None and status == "printed":
                    row.copies += 1
            elif row is None:
                shift = current_shift(self.till)
                uow.journal.add(
                    ReceiptJournalRow(
                        number=receipt.number,
                        kind=receipt.kind,
                        created_at=self.till.now(),
                        shift_id=shift.id if shift is not None else None,
                        document=to_data(receipt),
                        status=status,
                        error=job.error[:200],
                        attempts=job.attempts,
                        copies=0,
                    )
                )
            else:
                row.status, row.error, row.attempts = status, job.error[:200], row.attempts + 1
            uow.commit()

    def shift_receipts(self) -> list[JournalEntry]:
        """The receipts of the open shift (none open: of today), newest first."""
        shift = current_shift(self.till)
        with self.till.uow() as uow:
            today = self.till.now().replace(hour=0, minute=0, second=0)
            rows = uow.journal.latest(shift.id if shift is not None else None, today)
            return [_entry(row) for row in rows]

    def find(self, number: str) -> JournalEntry:
        """Any receipt the journal holds, by its number (as scanned or typed)."""
        wanted = number.strip().upper()[:40]
        with self.till.uow() as uow:
            row = uow.journal.get(wanted)
            if row is None:
                raise NotFound("journal.not_found")
            return _entry(row)
