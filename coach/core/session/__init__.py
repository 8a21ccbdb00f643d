"""A session as it happens: the clock and deadlines, the engine and its events, cues, icing runs, recovery."""
