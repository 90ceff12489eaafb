"""Loading and validating frameworks and common controls (built-in plus the workspace's)."""
