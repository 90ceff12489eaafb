"""auditor: audit a third-party vendor's compliance and security posture."""

__version__ = "0.1.0"
