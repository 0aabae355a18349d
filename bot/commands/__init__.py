"""Platform-neutral command grammar: parse a typed command, dispatch it to a service."""
