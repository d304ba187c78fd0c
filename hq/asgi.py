"""The ASGI app for `uvicorn --workers N hq.asgi:app`: each worker process reads the settings
(MEMBERTILL_HQ_DB and the rest, which `pos-hq serve --workers N` passes on) and opens HQ."""

from .app import create_app
from .service import HQ
from .settings import Settings

settings = Settings()
app = create_app(HQ(settings.db_url(), create=False), settings=settings)
