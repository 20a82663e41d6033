"""liaison export | import | export-csv | keys: moving data between the stations and the district office."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import passphrase
from app.cli.cmd_init import district_key_note
from app.cli.output import print_json, say
from app.errors import UserError
from app.i18n import text
from app.session import Session
from app.sync import conflicts, csv_export, district_key, export, importer, keys, keystore, status


def register(sub: argparse._SubParsersAction) -> None:
    out = sub.add_parser("export", help="导出数据包 write a bundle (station) or a return bundle (district)")
    out.add_argument("--out", metavar="DIR", default=".", help="目标文件夹，如U盘 folder to write to")
    out.add_argument("--full", action="store_true", help="全部数据，而不只是上次导出后的变更 everything")
    out.add_argument(
        "--station", metavar="CODE", help="汇总端：为该家站点生成返回数据包 district: return bundle"
    )
    out.add_argument(
        "--without-personal-data",
        action="store_true",
        help="不含来访群众姓名和电话（尚无区人大公钥时）without visitors' names and phones",
    )
    out.set_defaults(run=_run_export)

    imp = sub.add_parser("import", help="导入数据包 import bundles")
    imp.add_argument("paths", nargs="+", metavar="FILE|DIR")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不写入 check only")
    imp.add_argument("--json", action="store_true", help="JSON 导入摘要 summary as JSON")
    imp.set_defaults(run=_run_import)

    csv_parser = sub.add_parser("export-csv", help="导出表格（Excel/WPS）plain CSV tables for spreadsheets")
    csv_parser.add_argument("--out", metavar="DIR", required=True)
    csv_parser.add_argument("--year", type=int)
    csv_parser.set_defaults(run=_run_export_csv)

    key_parser = sub.add_parser("keys", help="密钥与指纹 keys and fingerprints")
    actions = key_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="本机与对方的密钥指纹 fingerprints")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_run_keys_list)
    accept = actions.add_parser(
        "accept", help="接受新密钥（家站点的，或在家站点接受区人大的）accept a new key after comparing it"
    )
    accept.add_argument("code", metavar="CODE|district")
    accept.add_argument("--fingerprint", help="要接受的指纹（电话核对过的）the fingerprint compared by phone")
    accept.set_defaults(run=_run_keys_accept)
    export_key = actions.add_parser(
        "export-district", help="汇总端：写出区人大公钥文件 district: write the key file for the stations"
    )
    export_key.add_argument(
        "--out", metavar="FILE|DIR", default=".", help=f"文件或文件夹（默认文件名 {district_key.FILE_NAME}）"
    )
    export_key.set_defaults(run=_run_keys_export_district)
    import_key = actions.add_parser(
        "import-district", help="家站点：导入区人大公钥文件 station: take the district's key file"
    )
    import_key.add_argument("file", metavar="FILE")
    import_key.set_defaults(run=_run_keys_import_district)
    phrase = actions.add_parser(
        "passphrase",
        help="设置或更改本机密钥口令 set or change the passphrase (LIAISON_PASSPHRASE, LIAISON_NEW_PASSPHRASE)",
    )
    phrase.add_argument(
        "--forgotten",
        action="store_true",
        help="忘记口令：用新口令生成新密钥，对方需重新核对指纹 forgotten: new keys under a new passphrase",
    )
    phrase.set_defaults(run=_run_keys_passphrase)

    conflict_parser = sub.add_parser("conflicts", help="同步冲突 records changed on both sides")
    conflict_actions = conflict_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = conflict_actions.add_parser("list", help="待处理的冲突 open conflicts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_run_conflicts_list)
    resolve = conflict_actions.add_parser("resolve", help="处理冲突 keep one copy")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--keep", choices=[conflicts.KEEP_KEPT, conflicts.KEEP_OTHER], required=True)
    resolve.set_defaults(run=_run_conflicts_resolve)


def _run_export(args: argparse.Namespace, session: Session) -> int:
    if args.station:
        result = export.export_return(session, args.station, args.out)
        sealed = (
            text("已加密给该家站点", "sealed for that station")
            if result.sealed
            else text(
                "仅签名、未加密：尚未收到 {c} 的加密公钥，导入其一次数据包后即可加密",
                "signed only, not sealed: no sealing key from {c} yet; import one of its bundles first",
                c=result.station_code,
            )
        )
        say(
            text(
                "已生成给 {c} 的返回数据包（第 {n} 号，{r} 条记录；{s}）",
                "Return bundle {n} for {c} written ({r} records; {s})",
                c=result.station_code,
                n=result.sequence,
                r=result.records,
                s=sealed,
            )
        )
    else:
        result = export.export_station(
            session, args.out, full=args.full, without_personal_data=args.without_personal_data
        )
        sealed = text("已加密", "sealed") if result.sealed else text("未加密：尚无区人大公钥", "not sealed")
        if result.withheld:
            sealed = text(
                "{s}；不含来访群众姓名和电话，日后加密导出时补上",
                "{s}; without visitors' names and phones, which follow in a later sealed bundle",
                s=sealed,
            )
        say(
            text(
                "已导出第 {n} 号数据包：{r} 条记录（{s}）",
                "Bundle {n} exported: {r} records ({s})",
                n=result.sequence,
                r=result.records,
                s=sealed,
            )
        )
    print(result.path)  # the last line: scripts take the path from here
    return 0


def _run_import(args: argparse.Namespace, session: Session) -> int:
    run = importer.import_paths(session, [Path(p) for p in args.paths], dry_run=args.dry_run)
    if args.json:
        print_json(run.as_dict())
    else:
        for bundle in run.bundles:
            if bundle.ok:
                for line in bundle.lines():
                    say(line)
        for note in run.gap_notes():
            say(note)
    refused = [b for b in run.bundles if not b.ok]
    for bundle in refused:
        print(
            text("错误：{f}：{m}", "Error: {f}: {m}", f=bundle.file_name, m=bundle.reason or "").render(),
            file=sys.stderr,
        )
    return 2 if refused else 0


def _run_export_csv(args: argparse.Namespace, session: Session) -> int:
    for path, count in csv_export.export_csv(session, args.out, args.year):
        say(text("{p}：{n} 行", "{p}: {n} rows", p=str(path), n=count))
    return 0


def _run_keys_list(args: argparse.Namespace, session: Session) -> int:
    own = keys.own_public(session.db, keys.SIGNING)
    own_sealing = keys.own_public(session.db, keys.SEALING)
    peers = keys.peer_keys(session.db)
    if args.json:
        print_json(
            {
                "own": keys.fingerprint(own) if own else "",
                "own_sealing": keys.fingerprint(own_sealing) if own_sealing else "",
                "peers": [
                    {"peer": p.peer, "purpose": p.purpose, "fingerprint": p.fingerprint, "status": p.status}
                    for p in peers
                ],
            }
        )
        return 0
    say(
        text(
            "本机签名密钥指纹：{f}",
            "This database's signing key: {f}",
            f=keys.fingerprint(own) if own else "—",
        )
    )
    say(
        text(
            "本机加密密钥指纹：{f}",
            "This database's sealing key: {f}",
            f=keys.fingerprint(own_sealing) if own_sealing else "—",
        )
    )
    labels = {
        "trusted": text("已信任", "trusted"),
        "pending": text("待确认", "pending"),
        "retired": text("已停用", "retired"),
    }
    for p in peers:
        say(f"{p.peer}\t{p.purpose}\t{p.fingerprint}\t{labels[p.status]}")
    if session.role == "station":
        if keys.trusted(session.db, keys.DISTRICT_PEER, keys.SIGNING) is None:
            say(
                text(
                    "尚未导入区人大公钥：请向区人大索取公钥文件，运行 liaison keys import-district 文件",
                    "The district's key is not here yet: get the office's key file and run"
                    " 'liaison keys import-district FILE'",
                )
            )
        for waiting in keys.pending(session.db, keys.DISTRICT_PEER):
            say(
                text(
                    '区人大有待确认的新密钥 {f}：电话核对后运行 liaison keys accept district --fingerprint "{f}"',
                    "A new district key {f} is waiting: compare it by phone, then run"
                    " 'liaison keys accept district --fingerprint \"{f}\"'",
                    f=waiting.fingerprint,
                )
            )
    if session.is_district:
        for row in status.district_overview(session):
            if row.pending_fingerprint:
                say(
                    text(
                        "{c} 有待确认的新密钥 {f}：核对后运行 liaison keys accept {c}",
                        "{c} has a new key {f} waiting: compare it, then run 'liaison keys accept {c}'",
                        c=row.code,
                        f=row.pending_fingerprint,
                    )
                )
    return 0


def _run_keys_accept(args: argparse.Namespace, session: Session) -> int:
    session.require_initialised()
    if args.code.strip().lower() == keys.DISTRICT_PEER:
        if session.is_district:
            raise UserError(
                text("区人大汇总端接受的是家站点的密钥", "The district office accepts stations' keys")
            )
        if not args.fingerprint:
            raise UserError(
                text(
                    '请先电话向区人大核对指纹，再用 --fingerprint "XXXX XXXX XXXX XXXX" 指明要接受的密钥',
                    "Compare the fingerprint with the district office by phone, then name the key with"
                    ' --fingerprint "XXXX XXXX XXXX XXXX"',
                )
            )
        accepted = keys.accept(session.db, keys.DISTRICT_PEER, session.operator, args.fingerprint)
        say(
            text(
                "已接受区人大的新密钥：{f}。今后的数据包加密给它",
                "Accepted the district's new key: {f}. Bundles are sealed for it from now on",
                f=accepted,
            )
        )
        return 0
    if not session.is_district:
        raise UserError(
            text(
                "家站点只接受区人大的密钥：liaison keys accept district --fingerprint …",
                "A station accepts only the district's key: 'liaison keys accept district --fingerprint …'",
            )
        )
    code = args.code.strip().upper()
    accepted = keys.accept(session.db, code, session.operator, args.fingerprint)
    say(text("已接受 {c} 的新密钥：{f}", "Accepted {c}'s new key: {f}", c=code, f=accepted))
    return 0


def _run_keys_export_district(args: argparse.Namespace, session: Session) -> int:
    path, key = district_key.write(session, Path(args.out))
    say(
        text(
            "已写出区人大公钥文件，指纹：{f}。把文件交给各家站点；家站点导入时会显示指纹，请电话与其核对",
            "The district's key file is written, fingerprint {f}. Give it to every station; when a station"
            " imports it, it is shown the fingerprint: compare it by phone",
            f=key.fingerprint,
        )
    )
    print(path)  # the last line: scripts take the path from here
    return 0


def _run_keys_import_district(args: argparse.Namespace, session: Session) -> int:
    session.require_initialised()
    installed = district_key.install(session, Path(args.file))
    say(district_key_note(session, installed.key))
    return 0


def _run_keys_passphrase(args: argparse.Namespace, session: Session) -> int:
    """Set a passphrase for keys stored in clear (a database from an earlier version), or change it; or, when
    it is forgotten, make new keys under a new one."""
    if args.forgotten:
        new = passphrase.ask_new("LIAISON_NEW_PASSPHRASE")
        if not new:
            raise keystore.PassphraseNeeded(
                text(
                    "请在终端输入新口令，或设置 LIAISON_NEW_PASSPHRASE",
                    "Type the new passphrase at a terminal, or set LIAISON_NEW_PASSPHRASE",
                )
            )
        keys.make_new_keys(session.db, new)
        fingerprint = keys.fingerprint(keys.own_public(session.db, keys.SIGNING) or b"")
        say(
            text(
                "已用新口令生成新密钥，指纹：{f}。请电话告知对方核对后接受（家站点：区人大运行 liaison keys accept"
                " 编号；区人大：重新导出公钥文件交给各家站点）",
                "New keys are made under the new passphrase, fingerprint {f}. Have the other side accept it after"
                " comparing it by phone (a station's: 'liaison keys accept CODE' at the office; the district's:"
                " write the key file again for the stations)",
                f=fingerprint,
            )
        )
        return 0
    if keystore.protection(session.db) is None:
        new = passphrase.ask_new()
        if not new:
            raise keystore.PassphraseNeeded(
                text(
                    "请在终端输入口令，或设置 LIAISON_PASSPHRASE",
                    "Type it at a terminal, or set LIAISON_PASSPHRASE",
                )
            )
        keystore.protect(session.db, new)
        say(
            text("已设置口令，本机的私钥已加密", "Passphrase set: this database's private keys are encrypted")
        )
        return 0
    old = passphrase.ask(keystore.UNLOCK)
    new = passphrase.ask_new("LIAISON_NEW_PASSPHRASE")
    if not old or not new:
        raise keystore.PassphraseNeeded(
            text(
                "请在终端输入口令，或设置 LIAISON_PASSPHRASE（现口令）和 LIAISON_NEW_PASSPHRASE（新口令）",
                "Type them at a terminal, or set LIAISON_PASSPHRASE (current) and LIAISON_NEW_PASSPHRASE (new)",
            )
        )
    keystore.change_passphrase(session.db, old, new)
    say(text("口令已更改", "The passphrase is changed"))
    return 0


def _run_conflicts_list(args: argparse.Namespace, session: Session) -> int:
    found = conflicts.open_conflicts(session)
    if args.json:
        print_json([c.as_dict() for c in found])
        return 0
    if not found:
        say(text("没有待处理的冲突", "No open conflicts"))
    for c in found:
        say(
            text(
                "#{n} {t} {u}（另一份来自 {f}）",
                "#{n} {t} {u} (other copy from {f})",
                n=c.id,
                t=c.table,
                u=c.record_uuid,
                f=c.other_from,
            )
        )
        for column, (kept, other) in c.differences().items():
            say(f"    {column}: {kept!r} | {other!r}")
    return 0


def _run_conflicts_resolve(args: argparse.Namespace, session: Session) -> int:
    conflicts.resolve(session, args.id, args.keep)
    say(text("冲突 #{n} 已处理", "Conflict #{n} resolved", n=args.id))
    return 0
