"""Issue 22: members reach a till minimised, and a till upgraded from full rows gets its phone
hashes from HQ on its next sync. Real HQ (SQLite), real till files, the sync code end to end."""

from __future__ import annotations

import json
import random
from datetime import datetime

from sqlalchemy import select, text

from demo.chain import member_people
from hq.demo import load_demo
from hq.models import ChangeRow
from hq.service import HQ
from pos_app.domain import privacy
from pos_app.services import Till, look_up
from pos_app.store import Database, cipher
from pos_app.store.models import MemberRow, SyncState
from sync.till import REFRESH, TillSync, from_full_member

from .simnet import SimNet

NOW = datetime(2026, 11, 23, 9)
MEMBERS = 120


def enrolled_till(hq, tmp_path, name="001"):
    till = Till(Database(tmp_path / f"{name}.sqlite3"), lambda: NOW)
    sync = TillSync(till, SimNet(hq, random.Random(1)).transport(name))
    sync.enrol(hq.create_till("S001", name)[1])
    sync.pull_all()
    return till, sync


def test_hq_sends_tills_no_full_phone_name_or_birthday_and_a_typed_phone_finds_the_member(tmp_path):
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", lambda: NOW)
    load_demo(hq, NOW, products=100, members=MEMBERS)
    people = member_people(MEMBERS)
    till, sync = enrolled_till(hq, tmp_path)
    con = cipher.connect(till.db.path)
    columns = [r[1] for r in con.execute("PRAGMA table_info(members)")]
    values = "\n".join(str(v) for row in con.execute("SELECT * FROM members") for v in row)
    con.close()
    assert not {"phone", "name", "birthday"} & set(columns)
    for person in people.values():
        assert person["phone"] not in values and person["name"] not in values
    person = people["M00000005"]
    found = look_up(till, person["phone"])
    assert [(m.id, m.masked_phone) for m in found] == [("M00000005", privacy.mask_phone(person["phone"]))]
    with till.uow() as uow:  # the key is the chain's, from HQ
        key = bytes.fromhex(uow.rules.setting("phone_key"))
        assert uow.members.by_id("M00000005").phone_hash == privacy.phone_hash(key, person["phone"])
    till.db.close()
    hq.close()


def test_an_enrolled_till_upgraded_from_full_rows_gets_its_hashes_on_the_next_sync(tmp_path):
    hq = HQ(f"sqlite:///{tmp_path / 'hq.sqlite3'}", lambda: NOW)
    load_demo(hq, NOW, products=100, members=MEMBERS)
    people = member_people(MEMBERS)
    till, sync = enrolled_till(hq, tmp_path)
    # as migration 0007_minimise leaves an enrolled till: placeholders, no key yet, the flag set
    with till.uow() as uow:
        uow.session.execute(text("UPDATE members SET phone_hash = '~' || substr(id, -15)"))
        uow.session.execute(text("DELETE FROM settings WHERE key = 'phone_key'"))
        uow.session.execute(text(f"INSERT INTO sync_state (key, value) VALUES ('{REFRESH}', '1')"))
        uow.commit()
    phone = people["M00000009"]["phone"]
    # without the key: the members whose masked phone matches (here exactly one)
    assert [m.id for m in look_up(till, phone)] == ["M00000009"]
    hq.ensure_phone_keys()  # nothing new: the chain has its key already
    with hq.tx() as s:  # the key row travels in the feed again
        s.add(ChangeRow(chain_id="demo", store_code="", kind="settings", key="phone_key"))
    sync.pull_all()
    with till.uow() as uow:
        assert uow.session.scalar(select(MemberRow.id).where(MemberRow.phone_hash.like("~%"))) is None
        balances = {m.id: m.hq_points for m in uow.session.scalars(select(MemberRow))}
        assert uow.session.get(SyncState, REFRESH).value == "0"
    assert [m.id for m in look_up(till, phone)] == ["M00000009"]
    assert balances == {m: hq.member(m)["hq_points"] for m in balances}
    till.db.close()
    hq.close()


def test_a_full_row_from_an_older_hq_is_minimised_at_the_till():
    row = {
        "id": "M1",
        "phone": "13912345678",
        "phone_last4": "5678",
        "name": "张三丰",
        "birthday": "1990-03-08",
        "tier_code": "regular",
        "hq_points": 5,
    }
    kept = from_full_member(row)
    assert kept["masked_phone"] == "139****5678" and kept["masked_name"] == "张**" and kept["birth_md"] == "03-08"
    assert kept["phone_hash"] == "~M1" and kept["hq_points"] == 5
    assert "13912345678" not in json.dumps(kept) and "张三丰" not in json.dumps(kept, ensure_ascii=False)


def test_the_snapshots_keyed_phone_hasher_gives_the_hash_a_counter_makes():
    """HQ hashes a snapshot's 1M phones with `phone_hasher` (the key's HMAC states made once);
    a till finds a typed phone with `phone_hash`: both must give the same HMAC-SHA256."""
    import base64
    import hashlib
    import hmac

    for key in (b"\x01" * 32, bytes(range(16)), bytes(range(80)), b""):
        hasher = privacy.phone_hasher(key)
        for phone in ("13800138000", "+86 138-0013-8001", "8613912345678", "0", ""):
            digits = "".join(c for c in phone if c.isdigit())
            reference = base64.urlsafe_b64encode(hmac.new(key, digits.encode(), hashlib.sha256).digest()[:12]).decode()
            assert hasher(phone) == privacy.phone_hash(key, phone) == reference, (key, phone)
