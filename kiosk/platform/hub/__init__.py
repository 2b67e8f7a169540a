"""The hub's platform: FastAPI app, device auth, sync API, centre and phone web, hub store
(PostgreSQL, SQLite for a quick start). It names no feature: `kiosk.hub_app` gives it the
features' hub parts. Never imports Qt, so it installs on a server with the `hub` extra alone.
"""
