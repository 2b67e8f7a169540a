"""Data files the kiosk and the hub read (catalogue, items, icons, themes, translations).

A package only so that importlib.resources finds them as `kiosk._resources`, installed or not.
"""
