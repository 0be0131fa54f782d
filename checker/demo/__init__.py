"""The bundled demo site and the small static server that serves it (and test pages)."""
