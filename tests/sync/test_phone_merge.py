"""Issue 22, defect 5: when HQ turns a till's offline registration into an alias of a member it
already had (the same phone registered elsewhere first), the till moves the registration's history
to that member and counts it once: the cashier's figure is HQ's. A real HQ over HTTP, two tills."""

from __future__ import annotations

from datetime import datetime

from hq.service import HQ
from pos_app.services import Till, login, look_up, open_shift, register, top_up
from pos_app.store import Database
from sync.till import TillSync
from sync.transport import HttpTransport

from .conftest import demo_hq

NOW = datetime(2026, 11, 23, 10)
PHONE = "13700001234"


def test_a_till_shows_hqs_balance_after_its_offline_registration_becomes_an_alias(sqlite_url, served, tmp_path):
    codes = demo_hq(sqlite_url, NOW)
    server = served(sqlite_url)
    tills = []
    for n, code in enumerate(codes):
        till = Till(Database(tmp_path / f"till{n}.sqlite3"), lambda: NOW)
        sync = TillSync(till, HttpTransport(server.base, timeout=(2.0, 10.0)))
        sync.enrol(code)
        sync.pull_all()
        cashier = login(till, "1111")
        open_shift(till, cashier, 50000)
        tills.append((till, sync, cashier))
    (first, first_sync, first_cashier), (second, second_sync, second_cashier) = tills
    # the phone is registered at the first till and reaches HQ; the second has not pulled since
    register(first, first_cashier, PHONE, "王小明", None, True)
    first_sync.push_all()
    # the same person registers again at the second till, offline, and tops up 100 yuan there
    local = register(second, second_cashier, PHONE, "王小明", None, True)
    top_up(second, second_cashier, local.id, 10000, "cash")
    second_sync.sync()  # push (HQ makes it an alias), then pull

    hq = HQ(sqlite_url, create=False)
    kept = hq.member(local.id)  # resolved through the alias
    hq.close()
    assert kept["id"] != local.id
    shown = look_up(second, PHONE)
    assert [m.id for m in shown] == [kept["id"]]
    assert (shown[0].principal_fen, shown[0].bonus_fen) == (kept["hq_principal_fen"], kept["hq_bonus_fen"])
    assert shown[0].principal_fen + shown[0].bonus_fen >= 10000  # the top-up counted, and once
    assert shown[0].principal_fen < 20000
    for till, _, _ in tills:
        till.db.close()
