"""The passphrase at the command line: $LIAISON_PASSPHRASE for scripts, else a prompt on the terminal (never
echoed), else nothing — and the command then says what is missing."""

from __future__ import annotations

import getpass
import os
import sys

from app.errors import UserError
from app.i18n import text
from app.sync import keystore


def ask(purpose: str) -> str | None:
    given = os.environ.get(keystore.ENVIRONMENT_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    if purpose == keystore.NEW:
        return ask_new()
    return getpass.getpass(text("本机密钥口令：", "Passphrase: ").render())


def ask_new(variable: str = keystore.ENVIRONMENT_VARIABLE) -> str | None:
    """A new passphrase, typed twice; from `variable` in a script."""
    given = os.environ.get(variable)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    print(
        text(
            "请为本机的密钥设置口令（至少 {n} 个字符）。导出数据包和导入加密数据包时需要它；忘记口令就只能重新生成密钥。",
            "Set a passphrase for this database's keys (at least {n} characters). Exports and imports of sealed"
            " bundles need it; a forgotten passphrase means making new keys.",
            n=keystore.MIN_LENGTH,
        ).render(),
        file=sys.stderr,
    )
    first = getpass.getpass(text("新口令：", "New passphrase: ").render())
    keystore.check_new_passphrase(first)
    if getpass.getpass(text("再输入一次：", "Repeat it: ").render()) != first:
        raise UserError(text("两次输入的口令不一致", "The two passphrases differ"))
    return first
