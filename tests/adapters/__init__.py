"""Adapter tests that belong to no single platform."""
