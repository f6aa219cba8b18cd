"""Encryption at rest as a person meets it: encrypt, lock, unlock, a wrong passphrase,
passwd and decrypt, and what is (and is not) left readable on disk."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from careerlog.store.files import cipher
from tests.conftest import run_cli
from tests.encryption.conftest import PASSPHRASE, SECRET, every_file_of, holding
from tests.foundation.test_cli import one_line_error

HOLD_OPEN = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
con.execute("SELECT count(*) FROM entry").fetchall()
print("open", flush=True)
time.sleep(60)
"""


def test_after_encrypt_no_entry_text_is_in_the_store_its_side_files_or_any_backup(
    run, tmp_path: Path, passfile: Path, isolated_home: Path
) -> None:
    db = tmp_path / "journal.db"
    assert run("--db", db, "add", f"before: {SECRET} @pay").returncode == 0
    assert run("--db", db, "backup").returncode == 0  # a plain backup from before
    files = every_file_of(db, isolated_home)
    assert holding(files, SECRET), "the plain store and its backups hold the text"

    done = run("--db", db, "encrypt", "--passphrase-file", passfile)
    assert done.returncode == 0, done.stderr
    assert "Backups encrypted too" in done.stdout
    # Written while encrypted: the WAL, today's backup, a backup by hand.
    assert run("--db", db, "add", f"after: {SECRET} again").returncode == 0
    by_hand = isolated_home / "data" / "careerlog" / "backups" / "journal-by-hand.db"
    assert run("--db", db, "backup", by_hand).returncode == 0
    assert Path(f"{db}-wal").exists()

    files = every_file_of(db, isolated_home)
    backups = [p for p in files if p.parent.name == "backups"]
    assert len(backups) >= 3  # the plain one, the one before encrypting, the new one
    assert holding(files, SECRET) == []
    assert holding(files, "@pay") == []
    assert not db.read_bytes().startswith(b"SQLite format 3")
    found = run("--db", db, "search", SECRET)
    assert found.returncode == 0
    assert found.stdout.count(SECRET) == 2


def test_every_cli_command_works_on_an_unlocked_encrypted_store(crypt, tmp_path: Path) -> None:
    def ok(*args: str, stdin: str | None = None) -> str:
        result = crypt(*args, stdin=stdin)
        assert result.returncode == 0, (args, result.stderr)
        return str(result.stdout)

    assert ok("add", "third entry @pay").strip() == "3"
    assert SECRET in ok("show", "1")
    ok("edit", "3", "--date", "2024-05-01")
    assert "2024-05-01" in ok("show", "3")
    ok("delete", "3", "--yes")
    assert ok("goal", "add", "Lead the migration").strip() == "1"
    assert "Lead the migration" in ok("goal", "list")
    ok("goal", "milestone", "add", "1", "write the plan")
    ok("goal", "milestone", "done", "1", "1")
    ok("goal", "pause", "1")
    ok("goal", "reopen", "1")
    ok("goal", "done", "1")
    json.loads(ok("goal", "list", "--all", "--json"))
    ok("learn", "Staff Engineer book", "--kind", "book", "--minutes", "90")
    assert "Staff Engineer book" in ok("learn", "list")
    assert SECRET in ok("search", SECRET)
    assert json.loads(ok("search", "juniors", "--json"))[0]["kind"] == "entry"
    ok("track", "choose", "management")
    assert "readiness" in json.loads(ok("track", "status", "--json"))
    ok("reflect", "--due")
    assert "entries" in ok("stats")
    assert SECRET in ok("export", "--format", "md")
    exported = tmp_path / "year.json"
    ok("export", "--format", "json", "-o", str(exported))
    assert SECRET in exported.read_text(encoding="utf-8")
    fresh = tmp_path / "elsewhere.db"
    into = run_cli("--db", str(fresh), "import", "careerlog", str(exported))
    assert into.returncode == 0, into.stderr
    ok("import", "careerlog", str(exported))  # the same file again adds nothing
    backup = tmp_path / "copy.db"
    ok("backup", str(backup))
    assert "ok" in ok("doctor")
    ok("restore", str(backup), "--yes")
    assert SECRET in ok("search", SECRET)
    assert "store" in ok("where")
    assert "management" in ok("tracks")
    assert "careerlog" in ok("completion", "bash")
    assert ok("stats", "--json").startswith("{")


def test_exports_of_an_encrypted_store_warn_that_they_are_plain_text(crypt, tmp_path) -> None:
    to_stdout = crypt("export", "--format", "md")
    assert to_stdout.returncode == 0
    assert "not encrypted" in to_stdout.stderr
    assert "not encrypted" not in to_stdout.stdout
    target = tmp_path / "year.html"
    to_file = crypt("export", "--format", "html", "-o", str(target))
    assert "not encrypted" in to_file.stderr
    assert str(target) in to_file.stderr


def test_lock_then_a_command_without_a_terminal_is_one_line_and_unlock_opens_it(crypt) -> None:
    before = crypt.db.read_bytes()
    assert "Locked" in crypt("lock").stdout
    for args in (("add", "while locked"), ("search", "x"), ("show",), ("export", "--format", "md")):
        err = one_line_error(crypt(*args))
        assert err.strip() == "careerlog: the journal is locked: run careerlog unlock", args
    assert crypt.db.read_bytes() == before
    assert "already locked" in crypt("lock").stdout
    # What never reads the journal still works, without asking (a shell's rc file).
    for args in (("completion", "bash"), ("tracks",), ("where",)):
        assert crypt(*args).returncode == 0, args

    opened = crypt("unlock", "--passphrase-file", crypt.passfile, "--for", "10m")
    assert opened.returncode == 0, opened.stderr
    assert "Unlocked until" in opened.stdout
    assert crypt("add", "unlocked again").stdout.strip() == "3"


def test_a_wrong_passphrase_is_one_line_writes_nothing_and_sqlcipher_stays_quiet(
    crypt, wrongfile: Path
) -> None:
    crypt("lock")
    before = {p: p.read_bytes() for p in crypt.db.parent.iterdir() if p.is_file()}
    for args in (
        ("unlock", "--passphrase-file", str(wrongfile)),
        ("decrypt", "--passphrase-file", str(wrongfile)),
        ("passwd", "--passphrase-file", str(wrongfile), "--new-passphrase-file", str(wrongfile)),
    ):
        # A real process: SQLCipher would log to the process's own stderr (fd 2).
        result = run_cli("--db", str(crypt.db), *args)
        err = one_line_error(result)
        assert "wrong passphrase" in err, args
    via_env = run_cli(
        "--db", str(crypt.db), "search", "x", env={"CAREERLOG_PASSPHRASE_FILE": str(wrongfile)}
    )
    assert "wrong passphrase" in one_line_error(via_env)
    after = {p: p.read_bytes() for p in crypt.db.parent.iterdir() if p.is_file()}
    assert after == before
    assert "locked" in one_line_error(crypt("show"))


def test_a_passphrase_file_in_the_environment_opens_a_locked_store_for_one_command(
    crypt,
) -> None:
    crypt("lock")
    found = crypt("search", SECRET, env={"CAREERLOG_PASSPHRASE_FILE": str(crypt.passfile)})
    assert found.returncode == 0, found.stderr
    assert SECRET in found.stdout
    assert "locked" in one_line_error(crypt("show"))  # nothing was kept for later


def test_an_unlock_expires(crypt) -> None:
    salt = cipher.file_salt(crypt.db)
    assert salt is not None
    key = cipher.recall(salt)
    assert key is not None
    cipher.forget(salt)
    cipher.remember(key, lifetime=-1)  # as if its time ran out
    cipher._held.clear()
    assert "locked" in one_line_error(crypt("show"))
    assert not list((Path(cipher.paths.runtime_dir()) / "keys").iterdir())


def test_the_session_key_is_a_private_file_in_the_runtime_folder(crypt) -> None:
    folder = cipher.paths.runtime_dir() / "keys"
    assert folder.stat().st_mode & 0o777 == 0o700
    (key_file,) = folder.iterdir()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert PASSPHRASE not in key_file.read_text(encoding="ascii")
    crypt("lock")
    assert not key_file.exists()


def test_passwd_rekeys_the_store_and_its_backups(crypt, tmp_path: Path) -> None:
    crypt("backup")
    new = tmp_path / "new.txt"
    new.write_text("a much longer new passphrase\n", encoding="utf-8")
    changed = crypt(
        "passwd", "--passphrase-file", crypt.passfile, "--new-passphrase-file", str(new)
    )
    assert changed.returncode == 0, changed.stderr
    assert "re-keyed too" in changed.stdout
    assert SECRET in crypt("search", SECRET).stdout  # still unlocked, with the new key
    crypt("lock")
    assert "wrong passphrase" in one_line_error(
        crypt("unlock", "--passphrase-file", crypt.passfile)
    )
    assert crypt("unlock", "--passphrase-file", str(new)).returncode == 0
    backups = sorted((cipher.paths.backups_dir()).glob("journal-*.db"))
    assert backups
    for backup in backups:  # every backup opens with the new passphrase
        key = cipher.derive("a much longer new passphrase", cipher.file_salt(backup) or b"")
        from careerlog.store import sqlite

        con = sqlite.connect(backup, "peek", key=key)
        assert con.execute("SELECT count(*) FROM entry").fetchone()[0] >= 2
        con.close()


def test_decrypt_gives_back_a_plain_store_the_standard_library_reads_and_searches(
    crypt,
) -> None:
    done = crypt("decrypt", "--passphrase-file", crypt.passfile)
    assert done.returncode == 0, done.stderr
    assert crypt.db.read_bytes().startswith(b"SQLite format 3\x00")
    con = sqlite3.connect(crypt.db)
    try:
        assert con.execute("SELECT count(*) FROM entry").fetchone()[0] == 2
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert SECRET in crypt("search", SECRET).stdout  # the FTS index, on sqlite3's SQLite
    assert crypt("add", "plain again").returncode == 0
    assert "not encrypted" in one_line_error(crypt("unlock", "--passphrase-file", "x"))


def test_encrypt_asks_twice_at_a_terminal_and_refuses_a_mismatch(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    db = tmp_path / "asked.db"
    assert run("--db", db, "add", "hello").returncode == 0
    answers = iter(["first try", "second try"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt, stream=None: next(answers))
    monkeypatch.setattr("careerlog.cli.cryptcmds.at_terminal", lambda: True)
    err = one_line_error(run("--db", db, "encrypt"))
    assert "differ" in err
    assert db.read_bytes().startswith(b"SQLite format 3")
    answers = iter(["same words", "same words"])
    assert run("--db", db, "encrypt").returncode == 0
    assert cipher.is_encrypted(db)
    cipher._held.clear()
    cipher.forget(cipher.file_salt(db) or b"")
    # Any command asks at the terminal, then keeps the key like unlock.
    answers = iter(["same words"])
    shown = run("--db", db, "show")
    assert "hello" in shown.stdout
    assert "unlocked until" in shown.stderr


def test_without_a_terminal_encrypt_says_how_to_give_the_passphrase(run, tmp_path) -> None:
    db = tmp_path / "j.db"
    run("--db", db, "add", "hello")
    err = one_line_error(run("--db", db, "encrypt"))
    assert "--passphrase-file" in err
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_encrypt_on_a_server_url_says_it_is_the_servers_job(run, passfile: Path) -> None:
    err = one_line_error(
        run(
            "--db",
            "postgresql://someone@127.0.0.1:1/journal",
            "encrypt",
            "--passphrase-file",
            passfile,
        )
    )
    assert "server" in err


def test_encrypt_twice_and_decrypt_of_a_plain_store_are_refused(crypt, tmp_path) -> None:
    assert "already encrypted" in one_line_error(
        crypt("encrypt", "--passphrase-file", crypt.passfile)
    )
    plain = tmp_path / "plain.db"
    run_cli("--db", str(plain), "add", "x")
    err = one_line_error(run_cli("--db", str(plain), "decrypt", "--passphrase-file", "x"))
    assert "not encrypted" in err


def test_encrypt_refuses_while_another_careerlog_has_the_store_open(
    run, tmp_path, passfile
) -> None:
    db = tmp_path / "busy.db"
    run("--db", db, "add", "hello")
    # The journal open in another terminal: another process with a connection open.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        err = one_line_error(run("--db", db, "encrypt", "--passphrase-file", passfile))
    finally:
        holder.kill()
        holder.wait()
    assert "open in another careerlog" in err
    assert db.read_bytes().startswith(b"SQLite format 3")
    assert run("--db", db, "encrypt", "--passphrase-file", passfile).returncode == 0


def test_add_search_and_stats_on_an_unlocked_encrypted_store_skip_sqlalchemy(crypt) -> None:
    from tests.foundation.test_layering import loaded_after

    db = str(crypt.db)
    loaded = loaded_after(["--db", db, "add", "quick line"], ["--db", db, "search", "quick"])
    assert "sqlcipher3" in loaded
    assert "sqlalchemy" not in loaded
    assert "sqlalchemy" not in loaded_after(["--db", db, "stats"])
    # A plain store never loads SQLCipher's driver at all.
    crypt("decrypt", "--passphrase-file", crypt.passfile)
    assert "sqlcipher3" not in loaded_after(["--db", db, "add", "plain line"])


def test_where_says_whether_the_store_is_locked_and_where_its_key_is_kept(crypt) -> None:
    shown = crypt("where").stdout
    assert "encrypted, unlocked until" in shown
    assert str(cipher.keys_dir()) in shown
    crypt("lock")
    assert "encrypted, locked" in crypt("where").stdout
