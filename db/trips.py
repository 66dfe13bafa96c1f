"""What the database drivers (db/sqlite_driver.py, db/postgres_driver.py) read off a statement."""

COMMIT_AFTER = "/* and commit */"
"""A statement that ends its transaction carries this prefix (`prefix_with(COMMIT_AFTER)`): on
SQLite it is committed in the same trip to the database's thread; on PostgreSQL, when nothing
was written before it, it runs alone without BEGIN and COMMIT. The commit SQLAlchemy then asks
for finds no transaction open and costs no trip (a conversation-state write, an update's key)."""
