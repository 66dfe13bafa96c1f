"""The MAX adapter: MAX Bot API updates in, the core's views out, through the `maxapi` library."""
