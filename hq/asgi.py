"""The ASGI app for `uvicorn --workers N hq.asgi:app` (each worker process opens HQ from
MEMBERTILL_HQ_DB; `pos-hq serve --workers N` sets it)."""
import os

from .app import create_app
from .service import HQ

app = create_app(HQ(os.environ["MEMBERTILL_HQ_DB"], create=False))
