"""The Alembic migrations build exactly the tables the models describe (till and HQ), so a new
database and an upgraded one are the same."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

import hq.models
import pos_app.store.models
from hq.migrate import upgrade_to_head as hq_upgrade
from pos_app.store.db import upgrade_to_head as till_upgrade


def differences(engine, metadata):
    with engine.connect() as c:
        return compare_metadata(MigrationContext.configure(c, opts={"render_as_batch": True}), metadata)


def test_till_migrations_match_the_models(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'till.sqlite3'}")
    till_upgrade(engine)
    assert differences(engine, pos_app.store.models.Base.metadata) == []


def test_hq_migrations_match_the_models(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'hq.sqlite3'}")
    hq_upgrade(engine)
    assert differences(engine, hq.models.Base.metadata) == []


def test_the_till_knows_its_newest_migration():
    from pos_app.store.db import HEAD, head_revision

    assert head_revision() == HEAD
