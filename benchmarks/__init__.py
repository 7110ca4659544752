"""Benchmarks (run as `python -m benchmarks.<name>`); never timed in tests."""
