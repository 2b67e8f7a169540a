"""Reusable widgets: keypad, top bar, status strip, tiles and the bilingual message."""
