"""SQLite storage: models, engine, the event log, projections and queries."""
