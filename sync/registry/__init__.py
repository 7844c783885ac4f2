"""The central registry: an ASGI service over SQLite or PostgreSQL (`diandian registry`)."""
