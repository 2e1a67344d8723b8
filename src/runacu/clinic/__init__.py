"""Clinic domain logic with no terminal I/O: opening hours, vCard, appointment requests."""
