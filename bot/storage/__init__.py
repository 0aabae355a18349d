"""Repositories over SQLAlchemy async Core, with Alembic migrations; SQLite by default, Postgres optional."""
