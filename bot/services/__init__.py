"""Use cases: one function per thing a user does; the service decides when to commit."""
