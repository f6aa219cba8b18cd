"""``careerlog encrypt | decrypt | passwd | unlock | lock``, and asking for the
passphrase: at the terminal (twice when it is being set), or from ``--passphrase-file
FILE`` / ``CAREERLOG_PASSPHRASE_FILE`` for scripts.

Any other command on a locked store asks at the terminal before it starts (and keeps
the key as ``unlock`` would), or refuses with one line when there is no terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from careerlog.cli.output import warn, write
from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:
    from careerlog.cli.argparsing import Sub
    from careerlog.services.encryption import Converted

PASSPHRASE_ENV = "CAREERLOG_PASSPHRASE_FILE"
LOCKED = "the journal is locked: run careerlog unlock"
NO_TERMINAL = (
    f"no terminal to ask for the passphrase on: give --passphrase-file FILE or set {PASSPHRASE_ENV}"
)
KEYLESS = frozenset(
    {
        *("tracks", "where", "demo", "serve", "completion"),
        *("encrypt", "decrypt", "passwd", "unlock", "lock"),
    }
)
"""Commands that never open the store, or that ask for its passphrase themselves."""


def _read_file(name: str) -> str:
    path = Path(name).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CareerlogError(f"the passphrase file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CareerlogError(f"cannot read the passphrase file {path}: {error}") from None
    lines = text.splitlines()
    passphrase = lines[0] if lines else ""
    if not passphrase:
        raise CareerlogError(f"the passphrase file {path} is empty (its first line is used)")
    return passphrase


def at_terminal() -> bool:
    """Whether a person can be asked (getpass reads the terminal, not a pipe)."""
    return sys.stdin.isatty()


def _ask(prompt: str) -> str:
    import getpass  # termios: only when a passphrase is asked for

    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        raise CareerlogError("no passphrase given; nothing was changed") from None


def passphrase(
    file: str | None, prompt: str, *, twice: bool = False, locked: str = NO_TERMINAL
) -> str:
    """The passphrase from ``file``, else ``$CAREERLOG_PASSPHRASE_FILE``, else the
    terminal (asked twice with ``twice``); ``locked`` is said when none can be had."""
    name = file or os.environ.get(PASSPHRASE_ENV)
    if name:
        return _read_file(name)
    if not at_terminal():
        raise CareerlogError(locked)
    first = _ask(f"{prompt}: ")
    if not first:
        raise CareerlogError("the passphrase is empty; nothing was changed")
    if twice and _ask(f"{prompt} again: ") != first:
        raise CareerlogError("the two passphrases differ; nothing was changed")
    return first


def _for(value: str) -> float:
    """A lifetime: ``90s``, ``30m``, ``8h``, ``2d`` or a sum such as ``1h30m``."""
    import re

    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = value.strip().lower()
    parts = re.findall(r"(\d+)\s*([smhd])", text)
    if not parts or re.sub(r"(\d+)\s*([smhd])", "", text).strip():
        raise argparse.ArgumentTypeError(f"{value!r} is not a duration (e.g. 30m, 8h, 2d, 1h30m)")
    seconds = sum(int(n) * units[u] for n, u in parts)
    if not 0 < seconds <= 30 * 86400:
        raise argparse.ArgumentTypeError("--for must be more than 0 and at most 30d")
    return float(seconds)


def _until(expires: float) -> str:
    left = expires - time.time()
    span = f"{left / 3600:.0f} h" if left >= 3600 else f"{max(1, round(left / 60))} min"
    return f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(expires))} ({span})"


def encryption_rows(location: str) -> list[tuple[str, str]]:
    """``careerlog where``'s lines about an encrypted store: locked or until when, and
    where its session key is kept. None for a plain store or a server."""
    from careerlog.store.files import cipher
    from careerlog.store.files.sqlite_file import is_url

    if is_url(location):
        return []
    salt = cipher.file_salt(Path(location).expanduser())
    if salt is None:
        return []
    expires = cipher.expires_at(salt)
    state = (
        "encrypted, locked" if expires is None else f"encrypted, unlocked until {_until(expires)}"
    )
    return [("cipher", state), ("keys", str(cipher.keys_dir()))]


def ensure_unlocked(db: str | None) -> None:
    """Before a command opens the store: a locked store is unlocked from the passphrase
    file, or at the terminal (and kept for the default lifetime), or refused."""
    from careerlog.store.files.sqlite_file import is_url, resolve_location

    location = resolve_location(db)
    if not is_url(location):
        unlock_file(Path(location).expanduser())


def unlock_file(path: Path, file: str | None = None) -> None:
    """Make sure this process can open the encrypted ``path`` (a store, or a backup to
    restore): with the key kept for it, else the passphrase from ``file``, the
    environment's file (for this process only) or the terminal (kept, as by unlock)."""
    from careerlog.store.files import cipher

    salt = cipher.file_salt(path)
    if salt is None or cipher.recall(salt) is not None:
        return
    from careerlog.services import encryption

    scripted = bool(file or os.environ.get(PASSPHRASE_ENV))
    given = passphrase(file, f"Passphrase for {path}", locked=LOCKED)
    key = encryption.key_from(path, given)
    if scripted:
        cipher.hold(key)  # a script's key lives as long as its command
        return
    cipher.remember(key)
    expires = cipher.expires_at(salt)
    if expires is not None:
        until = _until(expires)
        sys.stderr.write(f"careerlog: unlocked until {until}; 'careerlog lock' locks it\n")


def _encrypted_store(args: argparse.Namespace, *, change: bool = False) -> Path:
    """The store of ``--db``, refused unless it is an encrypted SQLite file (and, to
    ``change`` it, one careerlog may write), before any question."""
    from careerlog.services import encryption

    path = encryption.store_to_change(args.db) if change else encryption.store_path(args.db)
    encryption.salt_of(path)
    return path


def cmd_encrypt(args: argparse.Namespace) -> int:
    from careerlog.services import encryption

    encryption.store_to_change(args.db)  # a server URL or read-only file: before any question
    given = passphrase(args.passphrase_file, "New passphrase", twice=True)
    done = encryption.encrypt(args.db, given)
    write(f"Encrypted {done.store}.\n")
    _report_backups(done, "encrypted")
    write(
        "Unlocked for this session; 'careerlog lock' locks it now. Without the passphrase "
        "nothing in it can be read: keep it safe.\n"
    )
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from careerlog.services import encryption

    path = _encrypted_store(args, change=True)
    given = passphrase(args.passphrase_file, f"Passphrase for {path}")
    done = encryption.decrypt(args.db, given)
    write(
        f"Decrypted {done.store}: it is a plain SQLite file again. Its backups stay "
        "encrypted with the old passphrase.\n"
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from careerlog.services import encryption

    path = _encrypted_store(args, change=True)
    old = passphrase(args.passphrase_file, f"Current passphrase for {path}")
    encryption.key_from(path, old)  # a wrong one is refused before the new is asked
    new = passphrase(args.new_passphrase_file, "New passphrase", twice=True)
    done = encryption.change_passphrase(args.db, old, new)
    write(f"Changed the passphrase of {done.store}.\n")
    _report_backups(done, "re-keyed")
    return 0


def _report_backups(done: Converted, verb: str) -> None:
    if done.backups:
        write(f"Backups {verb} too: {len(done.backups)}.\n")
    if done.skipped:
        names = ", ".join(str(p) for p in done.skipped[:3])
        more = f" and {len(done.skipped) - 3} more" if len(done.skipped) > 3 else ""
        warn(
            f"warning: {len(done.skipped)} backup(s) could not be {verb} "
            f"({names}{more}); delete them once you no longer need them"
        )


def cmd_unlock(args: argparse.Namespace) -> int:
    from careerlog.services import encryption

    path = _encrypted_store(args)
    given = passphrase(args.passphrase_file, f"Passphrase for {path}")
    expires = encryption.unlock(path, given, args.lifetime)
    write(f"Unlocked until {_until(expires)}; 'careerlog lock' locks it now.\n")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    from careerlog.services import encryption

    path = encryption.store_path(args.db)
    if encryption.lock(path):
        write("Locked: the key is forgotten.\n")
    else:
        write("The journal was already locked.\n")
    return 0


def _passphrase_file(parser: argparse.ArgumentParser, what: str = "the passphrase") -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read {what} from the first line of FILE (default: ${PASSPHRASE_ENV}, "
        "else ask at the terminal)",
    )


def add_parsers(sub: Sub) -> None:
    """Register the encryption commands on the main parser (called from cli/parser.py)."""
    enc = sub.add_parser(
        "encrypt",
        help="encrypt the store and its backups with a passphrase (SQLite stores)",
        description="Encrypt the store in place (after an encrypted backup), and the plain "
        "backups it already has. Exports stay plain text.",
    )
    _passphrase_file(enc, "the new passphrase")
    enc.set_defaults(handler=cmd_encrypt)
    dec = sub.add_parser("decrypt", help="make the store a plain SQLite file again")
    _passphrase_file(dec)
    dec.set_defaults(handler=cmd_decrypt)
    pw = sub.add_parser("passwd", help="change the passphrase (the backups follow)")
    _passphrase_file(pw, "the current passphrase")
    pw.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="read the new passphrase from the first line of FILE (default: ask twice)",
    )
    pw.set_defaults(handler=cmd_passwd)
    unl = sub.add_parser("unlock", help="keep the key for a while, so commands need no passphrase")
    unl.add_argument(
        "--for",
        dest="lifetime",
        type=_for,
        default=8 * 3600.0,
        metavar="DURATION",
        help="how long: 30m, 8h, 2d, 1h30m (default 8h; at most 30d; logging out ends it "
        "where the session has a runtime folder)",
    )
    _passphrase_file(unl)
    unl.set_defaults(handler=cmd_unlock)
    lck = sub.add_parser("lock", help="forget the key now (the next command asks again)")
    lck.set_defaults(handler=cmd_lock)
