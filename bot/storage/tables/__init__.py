"""The database tables, one module per area; bot.storage.schema gathers them."""
