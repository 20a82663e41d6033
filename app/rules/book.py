"""A record kind's rule book: its fields in column order, and the rules between them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.errors import FieldError, ValidationError
from app.i18n import Text
from app.rules.fields import Field, RuleBroken


@dataclass(frozen=True)
class Rule:
    """A rule between fields of one record, or between a record and what it belongs to (a duty and its day).

    broken() is given the values named in `reads`, in that order, and returns the message when the rule is
    broken, None when it holds. The message is shown beside `field`, and the rule is checked whenever that
    field is given (a form's save, a ledger row, a bundle row), with the other values taken from the record
    being changed when they are not given too."""

    name: str
    field: str
    reads: tuple[str, ...]
    broken: Callable[..., Text | None]
    # Whether a row arriving in a bundle is refused for it. A rule that the app has not always kept on every
    # path (so that stations' databases hold rows breaking it) is checked only where people enter data: the
    # office must not lose a station's record for it.
    in_bundles: bool = True


class RecordRules:
    """Every field of one record kind (one table), in the table's column order, and its cross-field rules."""

    def __init__(self, table: str, label: Text, fields: Sequence[Field], rules: Sequence[Rule] = ()) -> None:
        self.table = table
        self.label = label
        self.fields = tuple(fields)
        self.rules = tuple(rules)
        self._fields = {f.name: f for f in self.fields}
        self._rules = {r.name: r for r in self.rules}
        for rule in self.rules:
            if rule.field not in self._fields:
                raise ValueError(f"{table}: rule {rule.name} is told beside an unknown field {rule.field}")

    def __repr__(self) -> str:
        return f"RecordRules({self.table!r})"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return self._fields[name]

    def rule(self, name: str) -> Rule:
        return self._rules[name]

    def clean_fields(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
        """Each given field read and checked on its own: the values that pass, in their stored form, and a
        problem for each that does not."""
        cleaned: dict[str, Any] = {}
        errors: list[FieldError] = []
        for field in self.fields:
            if field.name in values:
                try:
                    cleaned[field.name] = field.clean(values[field.name])
                except RuleBroken as exc:
                    errors.append(FieldError(field.name, exc.message))
        return cleaned, errors

    def rule_errors(
        self, record: Mapping[str, Any], given: Collection[str] | None = None
    ) -> list[FieldError]:
        """The cross-field rules broken by a record (stored values): those told beside a field in `given` (all
        if None) whose values are all known."""
        errors: list[FieldError] = []
        for rule in self.rules:
            if given is not None and rule.field not in given:
                continue
            if any(name not in record for name in rule.reads):
                continue
            message = rule.broken(*(record[name] for name in rule.reads))
            if message is not None:
                errors.append(FieldError(rule.field, message))
        return errors

    def check(
        self,
        values: Mapping[str, Any],
        *,
        current: Mapping[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> tuple[dict[str, Any], list[FieldError]]:
        """The given fields, then the rules on them. current: the record being changed, for the values a rule
        reads that are not given; context: values a rule reads from elsewhere (a duty's day's date)."""
        cleaned, errors = self.clean_fields(values)
        record = {**(current or {}), **(context or {}), **cleaned}
        for error in errors:  # a rule never judges a value its own field refused
            record.pop(error.field, None)
        return cleaned, errors + self.rule_errors(record, given=values.keys())

    def clean(
        self,
        values: Mapping[str, Any],
        *,
        current: Mapping[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """As check(), raising ValidationError with every problem, each naming its field."""
        cleaned, errors = self.check(values, current=current, context=context)
        if errors:
            raise ValidationError(errors)
        return cleaned
