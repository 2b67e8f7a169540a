"""Alembic migrations of the kiosk (db/kiosk) and the hub (db/hub) databases.

A package only so that importlib.resources finds them as `kiosk._migrations`, installed or not.
"""
