"""Outbox delivery tests."""
