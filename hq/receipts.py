"""A sale of any store of the chain, for a return at another till (issue 16, defect 11).

HQ holds every till's sale as the event it received (there is no separate sales table), so a
till that is asked to take back a receipt it did not make asks HQ for that sale: the sale's event
payload, the till and store that made it, and every refund of it HQ has received so far (from any
till), so that the returning till plans the refund exactly as the selling till would have. The
caller is a till, authenticated by its token, and only sales of its own chain are answered.

Receipt numbers are unique across the chain (R + store code + till + date + sequence); numbers made
before that (R + 14 digits) can repeat across stores: then the sale of the asking till's own store
is taken, and if none, the answer is "ambiguous" (409) rather than a guess.

Each look-up reads the events of kind `sale` for this number; on PostgreSQL an expression index on
`payload->>'receipt_no'` would make it constant-time (left for the HQ schema owner: see the report).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from .base import HQError
from .models import EventRow, Store, TillRow

RECEIPT_NO = re.compile(r"R[A-Z0-9]{1,10}-[A-Z0-9]{1,8}[0-9]{11}|R[0-9]{12,20}", re.ASCII)


def sale_for_return(hq: Any, token: str | None, receipt_no: str) -> dict[str, Any]:
    """The sale with this receipt number, as the till that made it reported it, with its refunds."""
    number = (receipt_no or "").strip().upper()
    with hq.tx() as s:
        _, store_code, chain_id = hq._who(s, token)  # a till first: nothing is said to anyone else
        if not RECEIPT_NO.fullmatch(number):
            raise HQError(422, "Not a receipt number")
        found = s.execute(
            select(
                EventRow.till_id,
                EventRow.payload,
                EventRow.at,
                Store.code.label("store_code"),
                TillRow.code.label("till_code"),
            )
            .join(TillRow, TillRow.id == EventRow.till_id)
            .join(Store, Store.id == TillRow.store_id)
            .where(
                Store.chain_id == chain_id,
                EventRow.kind == "sale",
                EventRow.payload["receipt_no"].as_string() == number,
            )
        ).all()
        if len(found) > 1:
            found = [row for row in found if row.store_code == store_code]
            if len(found) != 1:
                raise HQError(409, "This receipt number was issued by more than one store: return it there")
        if not found:
            raise HQError(404, "No sale with this receipt number at headquarters")
        sale = found[0]
        refunds = list(
            s.scalars(
                select(EventRow.payload)
                .where(EventRow.kind == "refund", EventRow.payload["sale_id"].as_string() == sale.payload["sale_id"])
                .order_by(EventRow.at, EventRow.event_id)
            )
        )
        return {
            "receipt_no": number,
            "sale_till_id": sale.till_id,
            "store_code": sale.store_code,
            "till_code": sale.till_code,
            "at": sale.at.isoformat(),
            "sale": sale.payload,
            "refunds": refunds,
        }
