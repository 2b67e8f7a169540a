"""Use cases the UI calls: each method is one transaction and returns frozen dataclasses."""
