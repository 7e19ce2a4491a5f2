"""The production topology: PostgreSQL, Redis, several Rasa processes and nginx, started by the project itself."""
