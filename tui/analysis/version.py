"""The rules' version: part of the analysis cache key, so bump it whenever a rule changes what an
analysis contains. A module of its own so that the cache can read it without importing the engine."""

RULES_VERSION = "103"
