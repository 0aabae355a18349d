"""Durable outbox and the Messenger port through which the core reaches platforms."""
