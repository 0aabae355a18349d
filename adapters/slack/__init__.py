"""Slack adapter on slack-bolt."""
