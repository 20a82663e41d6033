"""Rates derived from app.stats.compute's counts, and how figures are written in print."""

from __future__ import annotations

from typing import Any


def handled(figures: dict[str, Any]) -> int:
    """Items whose handling is done: resolved (落实) or already fed back (反馈)."""
    by_status = figures["items_by_status"]
    return int(by_status.get("resolved", 0)) + int(by_status.get("fed_back", 0))


def handling_rate(figures: dict[str, Any]) -> float | None:
    total = int(figures["sentiment_items"])
    return handled(figures) / total if total else None


def replies(figures: dict[str, Any]) -> int:
    return sum(int(v) for v in figures["satisfaction"].values())


def satisfaction_rate(figures: dict[str, Any]) -> float | None:
    """Satisfied or basically satisfied, among the residents who replied."""
    answered = replies(figures)
    if not answered:
        return None
    pleased = int(figures["satisfaction"].get("satisfied", 0)) + int(
        figures["satisfaction"].get("basically", 0)
    )
    return pleased / answered


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"
