"""Catalog package of DNND Drafter (Qt-free)."""
