"""Repositories: SQL for one aggregate each; they flush but never commit (the service does)."""
