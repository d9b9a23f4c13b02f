"""Checker package of DNND Drafter (Qt-free)."""
