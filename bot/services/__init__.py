"""Use cases: what members and managers can do, returned as rendering-neutral replies."""
