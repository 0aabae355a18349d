"""SQLAlchemy Core repositories: one implementation for SQLite and Postgres."""
