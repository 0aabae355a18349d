"""Pure domain models and rules: no I/O, no platform, no storage."""
