"""Pure decisions of the mentoring domain: the standard library (and numpy/scipy) only."""
