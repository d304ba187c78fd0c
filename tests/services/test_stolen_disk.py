"""Issue 22, "member data at the till is minimised and encrypted at rest": a stolen till's disk.

A till with members (the demo chain's, and one registered at the counter) and sales made through
the real services, its WAL and a backup: read as bytes without the key, none of them holds a
member's phone number, name or birthday; opened with a wrong or missing key the till refuses in
words (no traceback); with its key it sells as before. Decrypted, the till's tables hold only the
minimised member (masked phone and name, keyed hash, birth month and day), and a registration's
full values leave the outbox once HQ has acknowledged them. A plain database from an earlier
version is encrypted (and minimised) on upgrade.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, select

from demo.chain import member_people
from pos_app.domain.error_texts import describe
from pos_app.services import SaleSession, Tender, Till, complete_sale, login, look_up, open_shift, register
from pos_app.services.backup import backup, integrity, restore
from pos_app.services.demo import open_demo_till
from pos_app.startup import StartupProblem, check_database
from pos_app.store import Database, cipher
from pos_app.store.db import upgrade_to_head
from pos_app.store.models import SaleRow
from pos_app.store.uow import UnitOfWork

NOW = datetime(2026, 11, 23, 10, 0)
MEMBERS = 300
PHONE, NAME, BIRTHDAY = "13987654321", "欧阳秘密", date(1988, 7, 14)  # registered at the counter
COLA = "6901939621257"


def secrets_of(people: dict[str, dict]) -> list[bytes]:
    """What must not be readable: every member's phone, name (UTF-8, as SQLite stores it) and birthday."""
    out = [PHONE.encode(), NAME.encode(), BIRTHDAY.isoformat().encode()]
    for person in people.values():
        out += [person["phone"].encode(), person["name"].encode()]
        if person["birthday"]:
            out.append(person["birthday"].isoformat().encode())
    return out


def found_in(data: bytes, needles: list[bytes]) -> list[bytes]:
    return [n for n in needles if n in data]


def dump(con) -> str:
    """Every value of every table as text (JSON read back, so an escaped 欧 counts as 欧)."""
    out = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in con.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                if text[:1] in "{[":
                    try:
                        text = json.dumps(json.loads(text), ensure_ascii=False)
                    except ValueError:
                        pass
                out.append(text)
    return "\n".join(out)


def sell(till: Till, member_query: str) -> str:
    """One sale through the real services, the member found by a phone typed at the counter."""
    cashier = login(till, "1111")
    sale = SaleSession(till, cashier)
    sale.scan(COLA)
    view = sale.attach_member(member_query)
    assert view.member is not None
    done = complete_sale(sale, [Tender("cash", view.priced.payable_fen, cash_given_fen=view.priced.payable_fen)])
    return done.receipt_no


@pytest.fixture
def stolen(tmp_path):
    """A till that sold to members and made a backup; its files as a thief would copy them."""
    path = tmp_path / "data" / "till.sqlite3"
    till = open_demo_till(path, lambda: NOW, products=200, members=MEMBERS)
    people = member_people(MEMBERS)
    cashier = login(till, "1111")
    open_shift(till, cashier, 50000)
    registered = register(till, cashier, PHONE, NAME, BIRTHDAY, True)  # offline: HQ has not got it
    demo_phone = people["M00000007"]["phone"]
    receipts = [sell(till, demo_phone), sell(till, PHONE)]
    kept = backup(path, tmp_path / "data" / "backups", now=NOW)
    return till, path, people, registered, receipts, kept


def test_the_files_of_a_stolen_till_hold_no_member_phone_name_or_birthday(stolen):
    till, path, people, registered, receipts, kept = stolen
    needles = secrets_of(people)
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # read while the till runs: its WAL too
    copies = {f"{p.name} (running)": p.read_bytes() for p in [path, kept.path, *path.parent.glob("till.sqlite3-*")]}
    till.db.close()
    copies.update({f"{p.name} (closed)": p.read_bytes() for p in path.parent.rglob("*") if p.is_file()})
    assert "till.sqlite3-wal (running)" in copies and len(copies) >= 5
    for name, data in copies.items():
        assert not data.startswith(cipher.PLAIN_HEADER), name
        assert found_in(data, needles) == [], f"{name} shows member data"
    # and the needles are real: the same grep finds them in a plain copy of what the till holds
    plain = path.parent / "plain-copy.sqlite3"
    con = cipher.connect(path)
    con.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    con.execute("SELECT sqlcipher_export('plain')")
    con.close()
    data = plain.read_bytes()
    assert PHONE.encode() in data  # the registration waiting for HQ (outbox)
    assert b"M00000007" in data and receipts[0].encode() in data


def test_decrypted_the_till_keeps_only_the_minimised_member(stolen):
    till, path, people, registered, receipts, kept = stolen
    con = cipher.connect(path)
    text = dump(con)
    members = con.execute(
        "SELECT id, masked_phone, phone_hash, phone_last4, masked_name, birth_md FROM members WHERE id = 'M00000007'"
    ).fetchone()
    con.close()
    person = people["M00000007"]
    assert members[1] == person["phone"][:3] + "****" + person["phone"][-4:]
    assert members[3] == person["phone"][-4:]
    assert members[4] == person["name"][0] + "*" * (1 if len(person["name"]) <= 2 else 2)
    assert members[5] == person["birthday"].isoformat()[5:]
    assert len(members[2]) == 16 and person["phone"] not in members[2]
    for person in people.values():  # no demo member's full phone, name or birthday
        assert person["phone"] not in text and person["name"] not in text
    assert registered.name == "欧**" and registered.masked_phone == "139****4321"
    # the registration's full values are only in its outbox event, until HQ acknowledges it
    assert text.count(PHONE) == 1 and text.count(NAME) == 1
    with UnitOfWork(till.db) as uow:
        uow.outbox.ack_up_to(10**6)
        uow.commit()
    con = cipher.connect(path)
    text = dump(con)
    payload = json.loads(con.execute("SELECT payload FROM outbox WHERE kind = 'member_registered'").fetchone()[0])
    con.close()
    assert PHONE not in text and NAME not in text and BIRTHDAY.isoformat() not in text
    assert payload["phone"] == "139****4321" and payload["name"] == "欧**" and payload["birthday"] is None


def test_a_wrong_or_lost_key_is_refused_in_words_and_changes_nothing(stolen, tmp_path, monkeypatch):
    till, path, people, registered, receipts, kept = stolen
    till.db.close()
    before = path.read_bytes()
    with pytest.raises(cipher.DatabaseKeyError) as refused:
        Database(path, key=os.urandom(32))
    assert refused.value.code == "storage.key_wrong"
    assert "密钥" in describe(refused.value, "zh_CN") and "key" in describe(refused.value, "en")
    # the key store lost (another machine, a wiped profile): the start-up check says so
    monkeypatch.setenv("MEMBERTILL_KEY_DIR", str(tmp_path / "elsewhere"))
    cipher.forget_cached_keys()
    try:
        with pytest.raises(StartupProblem) as problem:
            check_database(path)
        assert problem.value.code == "startup.key_wrong" and "密钥" in problem.value.text("zh_CN")
        assert integrity(kept.path).startswith("not readable with this till's key")
        with pytest.raises(cipher.DatabaseKeyError):
            Database(path)
    finally:
        monkeypatch.undo()
        cipher.forget_cached_keys()
    assert path.read_bytes() == before


def test_with_its_key_the_till_sells_finds_members_and_restores_as_before(stolen, tmp_path):
    till, path, people, registered, receipts, kept = stolen
    till.db.close()
    assert check_database(path) == "ok"
    again = Till(Database(path), lambda: NOW)
    assert [m.id for m in look_up(again, PHONE)] == [registered.id]
    phone = people["M00000042"]["phone"]
    assert [m.id for m in look_up(again, phone)] == ["M00000042"]
    assert "M00000042" in [m.id for m in look_up(again, phone[-4:])]
    receipt = sell(again, phone)
    again.db.close()
    # a backup is encrypted with the same key and restores
    assert integrity(kept.path) == "ok"
    restore(kept.path, path)
    restored = Till(Database(path), lambda: NOW)
    with restored.uow() as uow:
        numbers = set(uow.session.scalars(select(SaleRow.receipt_no)))
    restored.db.close()
    assert set(receipts) <= numbers and receipt not in numbers


def test_a_plain_database_of_an_earlier_version_is_encrypted_and_minimised_on_upgrade(tmp_path):
    path = tmp_path / "till.sqlite3"
    engine = create_engine(f"sqlite:///{path}")  # as version 0006 kept it: plain
    upgrade_to_head(engine, "0006")
    with engine.begin() as c:
        c.exec_driver_sql("PRAGMA journal_mode=WAL")
        c.exec_driver_sql(
            "INSERT INTO tiers (code, name, rank, discount_percent, points_multiplier_pct, "
            "min_spend_12m_fen, min_points_12m) VALUES ('regular', '普通', 1, 0, 100, 0, 0)"
        )
        c.exec_driver_sql(
            "INSERT INTO members (id, phone, phone_last4, card_no, name, birthday, tier_code, consent, "
            "provisional, hq_points, hq_principal_fen, hq_bonus_fen, created_at) VALUES "
            f"('M1', '{PHONE}', '4321', NULL, '{NAME}', '{BIRTHDAY.isoformat()}', 'regular', 1, 0, 120, 0, "
            "0, '2026-11-01 09:00:00.000000')"
        )
        c.exec_driver_sql(
            "INSERT INTO outbox (seq, event_id, kind, payload, created_at, acked) VALUES (1, 'E1', "
            f"'member_registered', '{json.dumps({'member_id': 'M1', 'phone': PHONE, 'name': NAME})}', "
            "'2026-11-01 09:00:00.000000', 1)"
        )
    engine.dispose()
    assert path.read_bytes().startswith(cipher.PLAIN_HEADER)
    till = Till(Database(path), lambda: NOW)
    found = look_up(till, PHONE)
    assert [(m.id, m.name, m.masked_phone, m.points) for m in found] == [("M1", "欧**", "139****4321", 120)]
    till.db.close()
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["till.sqlite3"] or all(not n.endswith((".plain", ".encrypting")) for n in leftovers)
    for f in tmp_path.iterdir():
        data = f.read_bytes()
        assert not data.startswith(cipher.PLAIN_HEADER)
        assert found_in(data, [PHONE.encode(), NAME.encode(), BIRTHDAY.isoformat().encode()]) == [], f.name
    con = cipher.connect(path)
    assert con.execute("SELECT birth_md, masked_name FROM members").fetchone() == ("07-14", "欧**")
    assert PHONE not in dump(con)  # the acknowledged registration was scrubbed
    con.close()


def test_an_encryption_interrupted_between_its_renames_is_finished_on_the_next_start(tmp_path):
    path = tmp_path / "till.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    upgrade_to_head(engine, "0006")
    engine.dispose()
    shutil.move(path, path.with_name("till.sqlite3.plain"))  # the power went after the first rename
    till = Till(Database(path), lambda: NOW)
    till.db.close()
    assert not path.with_name("till.sqlite3.plain").exists()
    assert not path.read_bytes().startswith(cipher.PLAIN_HEADER) and integrity(path) == "ok"
