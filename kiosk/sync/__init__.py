"""Kiosk ⇄ hub sync: the wire protocol shared with the hub, the kiosk's client and its worker."""
