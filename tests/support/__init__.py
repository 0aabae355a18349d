"""Test helpers shared by several test areas."""
