"""Date and time formats: one 24-hour UK style in the admin (set by FORMAT_MODULE_PATH)."""
