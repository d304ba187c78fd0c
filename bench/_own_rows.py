"""The ingest bench's second floor (bench/sync.py, `ingest`): every row HQ's timed pushes
inserted, copied bare — not only the event rows of the headline's floor — to give a number to
what the push's own writes cost at least (issue 23: ~9 rows an event where the floor has one).

Which rows: before the timed part, the primary keys of every table (and the members' balances)
are kept aside in schema `own_before`; after it, a table's rows whose key was not there are
the ones the timed pushes inserted (rows they only updated, such as the rollups' upserts of
existing member-days, are not). Rows inserted and deleted again within the timed part (the
applier's queue, drained by the pushes) are gone: counted (`pg_stat_user_tables`), not copied.
Rows updated (the rollups' upserts, coupons, tills) are counted, not replayed, but the members'
balances.

The floor: each such table copied as `<table>_own` (`LIKE … INCLUDING ALL`: its indexes and
constraints, no triggers or foreign keys), its new rows split across the workers, each worker
one COPY per table in its own process and connection at once, then the members' balance
changes as one bare UPDATE per worker (its share of the members, each once with its whole
change: the pushes update a member once per push naming it) on a copy of `members`, then its
commit. Median of three runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import psycopg
from psycopg import sql

BALANCES = ("points", "principal_fen", "bonus_fen")


@dataclass
class Written:
    """What the timed pushes wrote: the new rows per table (as text, as COPY takes them), the
    rows inserted per table by the statistics, and the members' balance changes."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple]] = field(default_factory=dict)
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)  # not replayed, but the members' balances
    balances: list[tuple] = field(default_factory=list)  # (member, points, principal, bonus) deltas
    member_updates: int = 0  # member row versions the pushes' UPDATEs wrote

    def copied(self) -> dict[str, int]:
        return {t: len(r) for t, r in self.rows.items() if r}

    def not_copied(self) -> dict[str, int]:
        """Rows inserted and deleted again in the timed part (or not found by key)."""
        return {t: n - len(self.rows.get(t, ())) for t, n in self.inserted.items() if n > len(self.rows.get(t, ()))}


def tables(c: psycopg.Connection) -> dict[str, list[str]]:
    """HQ's tables -> their primary key's columns."""
    found = c.execute(
        "SELECT c.relname, array_agg(a.attname ORDER BY k.n) FROM pg_class c "
        "JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = 'public' "
        "JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
        "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
        "WHERE c.relkind = 'r' GROUP BY c.relname"
    ).fetchall()
    return {t: list(keys) for t, keys in found}


def statistics(c: psycopg.Connection) -> dict[str, tuple[int, int]]:
    """table -> (rows inserted, rows updated) since the database began, once the backends that
    wrote have gone (a backend reports its counts when it ends at the latest)."""
    others = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + 30
    while (row := c.execute(others).fetchone()) is not None and row[0]:
        assert time.monotonic() < deadline, "the bench's other connections to its database did not end"
        time.sleep(0.05)
    c.execute("SELECT pg_stat_clear_snapshot()")
    found = c.execute("SELECT relname, n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE schemaname = 'public'")
    return {t: (ins, upd) for t, ins, upd in found.fetchall()}


def before(dsn: str) -> dict[str, tuple[int, int]]:
    """Before the timed part: every table's keys and the members' balances kept aside; the
    statistics as they stand."""
    with psycopg.connect(dsn, autocommit=True) as c:
        c.execute("CREATE SCHEMA own_before")
        for table, keys in tables(c).items():
            kept = keys + (list(BALANCES) if table == "members" else [])
            c.execute(
                sql.SQL("CREATE UNLOGGED TABLE own_before.{} AS SELECT {} FROM {}").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, kept)), sql.Identifier(table)
                )
            )
            c.execute(sql.SQL("ANALYZE own_before.{}").format(sql.Identifier(table)))
        return statistics(c)


def written(dsn: str, stats_before: dict[str, tuple[int, int]]) -> Written:
    """After the timed part (before anything else writes): what it wrote."""
    out = Written()
    with psycopg.connect(dsn, autocommit=True) as c:
        now = statistics(c)
        out.inserted = {t: n - stats_before.get(t, (0, 0))[0] for t, (n, _) in now.items()}
        out.inserted = {t: n for t, n in out.inserted.items() if n}
        out.updated = {t: n - stats_before.get(t, (0, 0))[1] for t, (_, n) in now.items()}
        out.updated = {t: n for t, n in out.updated.items() if n}
        out.member_updates = now["members"][1] - stats_before["members"][1]
        for table, keys in tables(c).items():
            if table not in out.inserted:
                continue
            out.columns[table] = [
                r[0]
                for r in c.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    (table,),
                )
            ]
            out.rows[table] = new_rows(c, table, keys, out.columns[table])
        out.balances = balance_changes(c)
    return out


def new_rows(c: psycopg.Connection, table: str, keys: list[str], columns: list[str]) -> list[tuple]:
    """The table's rows whose key was not there before, each value as text (NULL as None)."""
    query = sql.SQL("SELECT {} FROM {} t WHERE NOT EXISTS (SELECT FROM own_before.{} b WHERE {})").format(
        sql.SQL(", ").join(sql.SQL("t.{}::text").format(sql.Identifier(col)) for col in columns),
        sql.Identifier(table),
        sql.Identifier(table),
        sql.SQL(" AND ").join(sql.SQL("b.{0} = t.{0}").format(sql.Identifier(k)) for k in keys),
    )
    return c.execute(query).fetchall()


def balance_changes(c: psycopg.Connection) -> list[tuple]:
    """(member, points, principal, bonus): each member's change over the timed part, by id."""
    deltas = sql.SQL(", ").join(sql.SQL("m.{0} - b.{0}").format(sql.Identifier(col)) for col in BALANCES)
    changed = sql.SQL(" OR ").join(sql.SQL("m.{0} <> b.{0}").format(sql.Identifier(col)) for col in BALANCES)
    query = sql.SQL("SELECT m.id, {} FROM members m JOIN own_before.members b ON b.id = m.id WHERE {} ORDER BY m.id")
    return c.execute(query.format(deltas, changed)).fetchall()


def prepare(c: psycopg.Connection, got: Written) -> None:
    """Empty `<table>_own` tables of the same shape, and `members_balances_own` a copy of the
    members (for the balance UPDATEs), as each run starts."""
    for table in [*got.copied(), "members_balances"]:
        own = sql.Identifier(f"{table}_own")
        c.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(own))
        like = sql.Identifier("members" if table == "members_balances" else table)
        c.execute(sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL)").format(own, like))
    c.execute("INSERT INTO members_balances_own SELECT * FROM members")
    c.execute("VACUUM ANALYZE members_balances_own")


def copying_own(dsn: str, got: Written, worker: int, workers: int) -> Callable[[], None]:
    """A worker of the floor, connected: the part to time copies its share of each table's new
    rows (one COPY a table), updates its share of the members' balances, and commits."""
    c = psycopg.connect(dsn)
    shares = {t: rows[worker::workers] for t, rows in got.rows.items() if rows}
    members = list(zip(*got.balances[worker::workers])) or [(), (), (), ()]
    update = (
        "UPDATE members_balances_own m SET points = m.points + v.p, principal_fen = m.principal_fen + v.c, "
        "bonus_fen = m.bonus_fen + v.b FROM unnest(%s::text[], %s::bigint[], %s::bigint[], %s::bigint[]) "
        "AS v(i, p, c, b) WHERE m.id = v.i"
    )

    def run() -> None:
        with c.cursor() as cur:
            for table, rows in shares.items():
                columns = sql.SQL(", ").join(map(sql.Identifier, got.columns[table]))
                with cur.copy(
                    sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(f"{table}_own"), columns)
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
            if members[0]:
                cur.execute(update, [list(m) for m in members])
        c.commit()  # (the connection closes as the process ends)

    return run


def floor(dsn: str, got: Written, workers: int, race: Callable[[list], float]) -> float:
    """Seconds of the floor (the median of three runs, each into fresh tables)."""
    times = []
    for _ in range(3):
        with psycopg.connect(dsn, autocommit=True) as c:
            prepare(c, got)
        times.append(race([partial(copying_own, dsn, got, w, workers) for w in range(workers)]))
    with psycopg.connect(dsn, autocommit=True) as c:  # the copies hold every row
        for table, n in got.copied().items():
            held = c.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(f"{table}_own"))).fetchone()
            assert held is not None and held[0] == n, (table, held, n)
    return sorted(times)[1]
