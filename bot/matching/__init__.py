"""The matching engine: pure functions from members, history and blocks to explained groups."""
