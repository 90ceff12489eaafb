"""Live checks of a vendor's public endpoints (TLS, security headers, security.txt), kept as evidence."""
