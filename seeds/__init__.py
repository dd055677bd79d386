"""Seed data (taxonomy, demo catalogue) and the loader behind `flask seed`."""
