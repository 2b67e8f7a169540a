"""Log review machinery that knows no feature: keyset queries (`query`), what a log tab is
(`spec`), the registry of every feature's tabs (`registry`). Each feature declares its tabs in
`kiosk/features/<name>/logs.py` (`LOGS`); the admin's log service pages through them."""
