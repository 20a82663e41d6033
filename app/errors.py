"""Errors a user can cause and fix. Anything else is a bug and is allowed to be a traceback in the log."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import Text, current_language


class UserError(Exception):
    """A mistake in what the user gave us: shown as one clear line, in the user's language."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.render("en"))
        self.message = message

    def __str__(self) -> str:
        return self.message.render(current_language())


@dataclass(frozen=True)
class FieldError:
    field: str
    message: Text

    def __str__(self) -> str:
        return str(self.message)


class ValidationError(UserError):
    """One or more fields are wrong; each error names its field so a form can show it beside the input."""

    def __init__(self, errors: list[FieldError]) -> None:
        first = errors[0].message if errors else Text("输入有误", "Invalid input")
        super().__init__(first)
        self.errors = errors

    def __str__(self) -> str:
        return (
            "；".join(str(e) for e in self.errors)
            if current_language() != "en"
            else "; ".join(str(e) for e in self.errors)
        )

    def for_field(self, name: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == name]


class NotFound(UserError):
    pass
