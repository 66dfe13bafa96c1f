"""Alembic migrations; the same revisions build the schema on SQLite and PostgreSQL."""
