"""Schema extensions of the API, one per module."""
