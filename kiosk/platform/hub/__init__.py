"""The central hub: FastAPI app, device auth, storage on PostgreSQL (SQLite for a quick start).

Imports only `kiosk.platform.sync.protocol` and `kiosk.domain` from the kiosk, never Qt, so it
installs on
a server with the `hub` extra alone.
"""
