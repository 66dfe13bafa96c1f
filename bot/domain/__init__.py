"""Pure decisions of the mentoring domain: standard library (and numeric libraries) only, no aiogram, no SQLAlchemy."""
