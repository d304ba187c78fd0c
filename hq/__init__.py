"""Headquarters member cloud: FastAPI app, models, migrations, admin commands."""
