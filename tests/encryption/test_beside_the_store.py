"""What lives beside an encrypted store: drafts, undo copies, daily backups, restore and
the doctor on its backups."""

from __future__ import annotations

from pathlib import Path

from careerlog import paths
from careerlog.services.reflections import ReflectionDraft, load_draft, save_draft
from careerlog.store import sqlite
from careerlog.store.files import cipher, identity
from careerlog.ui.drafts import DraftFile, draft_path
from tests.encryption.conftest import SECRET, every_file_of, holding
from tests.foundation.test_cli import one_line_error


def test_drafts_of_an_encrypted_store_are_sealed_and_come_back(crypt) -> None:
    db = str(crypt.db)
    drafts = DraftFile(draft_path(db), db)
    drafts.save(f"half an entry about {SECRET}")
    save_draft(ReflectionDraft("weekly", {"went-well": f"the {SECRET} talk"}), db)
    on_disk = sorted(paths.drafts_dir().iterdir())
    assert len(on_disk) == 2
    assert holding(on_disk, SECRET) == []
    drafts.release()  # the TUI that wrote it has ended
    loaded = DraftFile(draft_path(db), db).load()
    assert loaded is not None and SECRET in loaded.text
    reflection = load_draft("weekly")
    assert reflection is not None and SECRET in reflection.answers["went-well"]
    # Locked, a sealed draft is not offered (and not destroyed either).
    crypt("lock")
    cipher._held.clear()
    assert DraftFile(draft_path(db), db).load() is None
    assert len(list(paths.drafts_dir().iterdir())) == 2


def test_encrypt_seals_the_plain_drafts_and_undo_copies_already_on_disk(
    run, tmp_path: Path, passfile: Path, isolated_home: Path
) -> None:
    db = tmp_path / "journal.db"
    run("--db", db, "add", f"to be deleted: {SECRET}")
    run("--db", db, "add", "stays")
    assert run("--db", db, "delete", "1", "--yes").returncode == 0
    DraftFile(draft_path(str(db)), str(db)).save(f"draft {SECRET}")
    save_draft(ReflectionDraft("weekly", {"x": SECRET}), str(db))
    assert len(holding(every_file_of(db, isolated_home), SECRET)) >= 3
    assert run("--db", db, "encrypt", "--passphrase-file", passfile).returncode == 0
    assert holding(every_file_of(db, isolated_home), SECRET) == []
    loaded = DraftFile(draft_path(str(db)), str(db)).load()
    assert loaded is not None and SECRET in loaded.text


def test_delete_on_an_encrypted_store_keeps_a_sealed_undo_copy_that_import_brings_back(
    crypt, isolated_home: Path
) -> None:
    deleted = crypt("delete", "1", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    (undo,) = (isolated_home / "data" / "careerlog" / "deleted").iterdir()
    assert SECRET.encode() not in undo.read_bytes()
    assert SECRET not in crypt("search", SECRET).stdout
    back = crypt("import", "careerlog", str(undo))
    assert back.returncode == 0, back.stderr
    assert SECRET in crypt("search", SECRET).stdout


def test_the_daily_backup_of_an_encrypted_store_is_encrypted_and_doctor_checks_it(
    crypt, isolated_home: Path
) -> None:
    assert crypt("goal", "list").returncode == 0  # takes today's backup
    (daily,) = paths.backups_dir().glob("journal-*-daily-*.db")
    assert cipher.file_salt(daily) == cipher.file_salt(crypt.db)
    assert SECRET.encode() not in daily.read_bytes()

    found = crypt("doctor")
    assert found.returncode == 0, found.stdout
    assert "encrypted" in found.stdout


def test_doctor_and_restore_work_on_an_encrypted_backup(run, crypt, tmp_path: Path) -> None:
    backup = tmp_path / "kept.db"
    assert crypt("backup", str(backup)).returncode == 0
    checked = run("--db", backup, "doctor")
    assert checked.returncode == 0, checked.stdout
    assert "integrity check" in checked.stdout
    crypt("delete", "1", "--yes")
    restored = crypt("restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert SECRET in crypt("search", SECRET).stdout
    assert cipher.is_encrypted(crypt.db)


def test_an_encrypted_backup_restores_into_a_plain_store_with_its_passphrase(
    run, crypt, tmp_path: Path, wrongfile: Path
) -> None:
    backup = tmp_path / "kept.db"
    crypt("backup", str(backup))
    crypt("lock")
    cipher._held.clear()
    plain = tmp_path / "plain.db"
    run("--db", plain, "add", "a plain journal")
    err = one_line_error(run("--db", plain, "restore", str(backup), "--yes"))
    assert "locked" in err
    wrong = run("--db", plain, "restore", str(backup), "--yes", "--passphrase-file", wrongfile)
    assert "wrong passphrase" in one_line_error(wrong)
    assert not cipher.is_encrypted(plain)
    done = run(
        "--db", plain, "restore", str(backup), "--yes", "--passphrase-file", str(crypt.passfile)
    )
    assert done.returncode == 0, done.stderr
    assert cipher.is_encrypted(plain)
    found = run(
        "--db", plain, "search", SECRET, env={"CAREERLOG_PASSPHRASE_FILE": str(crypt.passfile)}
    )
    assert SECRET in found.stdout


def test_an_encrypted_store_of_an_older_schema_is_backed_up_encrypted_then_migrated(
    run, tmp_path: Path, passfile: Path
) -> None:
    from alembic import command

    from careerlog.store.db import open_store
    from careerlog.store.files import conversion
    from careerlog.store.migrate import alembic_config
    from careerlog.store.revisions import HEAD, KNOWN

    db = tmp_path / "old.db"
    # careerlog's own connections: the search triggers (0009 on) call its SQL functions.
    store = open_store(str(db), migrate=False)
    engine = store.engine
    config = alembic_config(store)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, KNOWN[-2])
        conn.exec_driver_sql(
            "INSERT INTO entry (written_at, text, starred, created_at, updated_at, words) "
            f"VALUES ('2020-01-01 09:00:00.000000', 'long ago {SECRET}', 0, "
            "'2020-01-01 09:00:00.000000', '2020-01-01 09:00:00.000000', 3)"
        )
    engine.dispose()
    # Encrypted as it is (an older careerlog's store), then opened by this one.
    key = cipher.new_key("an older passphrase")
    conversion.convert(db, None, key)
    cipher.remember(key)
    found = run("--db", db, "search", SECRET)
    assert found.returncode == 0, found.stderr
    assert SECRET in found.stdout
    con = sqlite.connect(db, "peek")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()
    (before,) = paths.backups_dir().glob("*before-migration*")
    assert cipher.file_salt(before) == key.salt
    assert SECRET.encode() not in before.read_bytes()


def test_doctor_names_a_plain_backup_left_beside_an_encrypted_store(crypt, run, tmp_path) -> None:
    # A plain copy of this journal (it carries the store's identity, whatever its name).
    plain = tmp_path / "plain.db"
    run("--db", plain, "add", f"copied by hand {SECRET}")
    con = sqlite.connect(plain, key=None)
    with con:
        con.execute("UPDATE store_identity SET id = ?", (identity.of_file(crypt.db),))
    con.close()
    stray = paths.backups_dir() / "copied-by-hand.db"
    stray.write_bytes(plain.read_bytes())
    checked = crypt("doctor")
    assert checked.returncode == 1
    assert "plain SQLite" in checked.stdout and str(stray) in checked.stdout
    stray.unlink()
    assert crypt("doctor").returncode == 0


def test_a_damaged_encrypted_store_is_told_as_damaged_and_restored_from_its_backup(
    crypt,
) -> None:
    for n in range(40):
        crypt("add", f"filler entry {n} to spread the journal over more pages")
    assert crypt("goal", "list").returncode == 0  # today's backup
    with crypt.db.open("r+b") as handle:  # a page in the middle, as a bad disk would
        handle.seek(4096 * 5 + 100)
        handle.write(b"\x00" * 64)
    assert "damaged" in one_line_error(crypt("add", "after the damage"))
    checked = crypt("doctor")
    assert checked.returncode == 1
    assert "damaged" in checked.stdout
    (daily,) = paths.backups_dir().glob("journal-*-daily-*.db")
    restored = crypt("restore", str(daily), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert crypt("doctor").returncode == 0
    assert SECRET in crypt("search", SECRET).stdout
