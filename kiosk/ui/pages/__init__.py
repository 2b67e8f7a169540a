"""One QWidget per screen of the kiosk, shown one at a time in the main window's stack."""
