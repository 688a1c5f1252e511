"""Developer scripts: the demo and synthetic records factory."""
