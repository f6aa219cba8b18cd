"""What lives beside an encrypted store: drafts, undo copies, daily backups, restore and
the doctor on its backups."""

from __future__ import annotations

from pathlib import Path

from careerlog import paths
from careerlog.services.reflections import ReflectionDraft, load_draft, save_draft
from careerlog.store import cipher
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
    (daily,) = paths.backups_dir().glob("journal-daily-*.db")
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
