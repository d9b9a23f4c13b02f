"""Store package of DNND Drafter (Qt-free)."""
