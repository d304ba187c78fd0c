"""Unit of work: one transaction per use case, with the repositories bound to it."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .db import Database
from .repositories import Audit, Carts, Cashiers, Ledgers, MemberCodes, Members, Outbox, Products, Rules, Sales


class UnitOfWork:
    """`with UnitOfWork(db) as uow: ...; uow.commit()` — leaving without commit rolls back."""

    def __init__(self, db: Database):
        self.db = db
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        s = self.session = self.db.session()
        self.products, self.rules, self.members = Products(s), Rules(s), Members(s)
        self.ledgers, self.sales, self.outbox = Ledgers(s), Sales(s), Outbox(s)
        self.audit, self.carts, self.cashiers = Audit(s), Carts(s), Cashiers(s)
        self.member_codes = MemberCodes(s)
        return self

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def __exit__(self, *exc) -> None:
        # detach what was loaded (so results stay readable after the block), then undo anything
        # not committed
        self.session.expunge_all()
        self.session.rollback()
        self.session.close()
