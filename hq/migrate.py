"""HQ schema migrations (Alembic, in hq/migrations): run on every start, a no-op when current."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(engine: Engine | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    command.upgrade(config(engine), "head")


def autogenerate(engine: Engine, message: str) -> None:
    """Write a new revision from the difference between the models and `engine`'s schema."""
    command.revision(config(engine), message=message, autogenerate=True)
