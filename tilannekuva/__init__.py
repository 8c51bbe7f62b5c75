"""Tilannekuva: the situational picture of wellbeing for Pohjois-Pohjanmaa (non-UI logic)."""

__version__ = "1.0.0"
