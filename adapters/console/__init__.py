"""Console adapter: the bot in a terminal, with no account anywhere."""
