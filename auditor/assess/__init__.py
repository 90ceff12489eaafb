"""The audit: scope, policy, SLA calendar maths, contract rules and the status engine."""
