"""Benchmarks: each hot path timed against a baseline in the same run, interleaved."""
