"""API clients (front-office systems, the tenants) and their API keys."""
