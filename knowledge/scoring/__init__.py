"""Transferability scores, profile similarity and destination ranking (numpy)."""
