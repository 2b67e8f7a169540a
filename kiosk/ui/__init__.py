"""Qt Widgets user interface: the only package besides `kiosk.app` that imports Qt."""
