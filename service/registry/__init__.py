"""Registries (dukcapil, dtks, …): records in the database, import, matching and eligibility programs."""
