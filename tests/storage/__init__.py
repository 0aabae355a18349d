"""Storage contract tests, run against SQLite and Postgres."""
