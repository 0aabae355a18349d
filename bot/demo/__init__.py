"""The seeded demo community for the console."""
