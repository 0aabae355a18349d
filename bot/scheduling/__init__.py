"""Round schedules armed in APScheduler from database rows."""
