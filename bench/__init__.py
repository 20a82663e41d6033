"""Benchmarks. Each module bench_*.py runs on its own: python -m bench.bench_<name>."""
