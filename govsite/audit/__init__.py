"""The tamper-evident audit log (X1, M5): every admin action, login and job, hash-chained."""
