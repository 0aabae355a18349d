"""Discord adapter on discord.py."""
