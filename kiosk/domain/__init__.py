"""Pure rules of the kiosk: no Qt, no database, no I/O."""
