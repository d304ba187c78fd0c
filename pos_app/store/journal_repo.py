"""The receipt journal's repository (`pos_app/services/journal.py` reads and writes through it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ReceiptJournalRow


class Journal:
    def __init__(self, session: Session):
        self.s = session

    def get(self, number: str) -> ReceiptJournalRow | None:
        return self.s.get(ReceiptJournalRow, number)

    def add(self, row: ReceiptJournalRow) -> None:
        self.s.add(row)

    def latest(self, shift_id: str | None, since: datetime, limit: int = 500) -> list[ReceiptJournalRow]:
        """The shift's receipts (no shift: those made since `since`), newest first."""
        query = select(ReceiptJournalRow)
        if shift_id is not None:
            query = query.where(ReceiptJournalRow.shift_id == shift_id)
        else:
            query = query.where(ReceiptJournalRow.created_at >= since)
        return list(
            self.s.scalars(
                query.order_by(ReceiptJournalRow.created_at.desc(), ReceiptJournalRow.number.desc()).limit(limit)
            )
        )
