"""Unit of work: one transaction per use case, with the repositories bound to it."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pos_app.domain import DomainError

from .db import Database, relax
from .journal_repo import Journal
from .mall_repo import MallOrders
from .replica_repo import Replica
from .repositories import Audit, Carts, Cashiers, Ledgers, MemberCodes, Members, Outbox, Products, Rules, Sales
from .returns_repo import Returns
from .shifts_repo import Shifts


class StorageError(DomainError):
    """The database could not take the write (disk full, read-only, locked); nothing was written."""


def storage_error(exc: BaseException) -> StorageError | None:
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper, or the driver's own (SaleBook)
    text = str(orig if orig is not None else exc).lower()
    if "full" in text:
        return StorageError("storage.disk_full")
    if "readonly" in text or "read-only" in text:
        return StorageError("storage.read_only")
    if "locked" in text or "busy" in text:
        return StorageError("storage.busy")
    if "disk i/o" in text:
        return StorageError("storage.io_error")
    return None


class UnitOfWork:
    """`with UnitOfWork(db) as uow: ...; uow.commit()` — leaving without commit rolls back.

    `durable=False` is for edits of the open cart only: the commit is not fsynced (see `relax`),
    so a scan does not wait for the disk; a sale, a refund or anything audited stays durable."""

    def __init__(self, db: Database, durable: bool = True):
        self.db = db
        self.durable = durable
        self.session: Session  # opened by __enter__, for the repositories and the block

    def __enter__(self) -> UnitOfWork:
        s = self.session = self.db.session()
        if not self.durable:
            relax(s.connection())
        self.products, self.rules, self.members = Products(s), Rules(s), Members(s)
        self.ledgers, self.sales, self.outbox = Ledgers(s), Sales(s), Outbox(s)
        self.audit, self.carts, self.cashiers = Audit(s), Carts(s), Cashiers(s)
        self.member_codes, self.returns, self.shifts = MemberCodes(s), Returns(s), Shifts(s)
        self.journal, self.mall, self.replica = Journal(s), MallOrders(s), Replica(s)
        return self

    def flush(self) -> None:
        """Send what the repositories hold as objects to the database, in this transaction (so a
        following read by statement sees it); nothing is committed."""
        self.session.flush()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def __exit__(self, kind, value, trace) -> None:
        # detach what was loaded (so results stay readable after the block), then undo anything
        # not committed
        self.session.expunge_all()
        self.session.rollback()
        self.session.close()
        if isinstance(value, OperationalError):
            clear = storage_error(value)
            if clear is not None:
                raise clear from value
