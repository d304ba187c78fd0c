"""HQ's one settings object (pydantic-settings). Nothing else in hq/ reads the environment: the
command line, the ASGI entry point and the app take a `Settings` and pass it on.

Environment variables are prefixed `MEMBERTILL_HQ_` (`MEMBERTILL_HQ_DB`, `MEMBERTILL_HQ_ADMIN_TOKEN`, ...).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_db_url() -> str:
    """A SQLite file in the HQ data folder: the embedded demo HQ."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("MemberTill-HQ", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hq.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEMBERTILL_HQ_", extra="ignore")

    db: str = Field(default="", description="SQLAlchemy URL; empty: the embedded SQLite demo HQ")
    admin_token: str = Field(default="", description="machine-to-machine admin API token; empty: admin API closed")
    member_chain: str = Field(
        default="",
        description="the chain the member app signs up to when a request names none and HQ holds several chains",
    )
    # console sessions
    cookie_secure: bool = Field(
        default=True,
        description="Secure flag on console cookies (browsers accept it on http://localhost and 127.0.0.1 too)",
    )
    session_hours: int = Field(default=12, ge=1, le=24 * 7)
    lockout_failures: int = Field(default=5, ge=1, description="wrong sign-ins before an account is locked")
    lockout_minutes: int = Field(default=15, ge=1)
    default_lang: str = Field(default="zh_CN", pattern=r"^(zh_CN|en)$")
    # /metrics: the folder where HQ's worker processes keep their counters (prometheus_client's
    # multiprocess mode; `pos-hq serve --workers N` sets it); empty: one process, its own counters
    metrics_dir: str = Field(default="", validation_alias="PROMETHEUS_MULTIPROC_DIR")

    def db_url(self) -> str:
        return self.db or default_db_url()
