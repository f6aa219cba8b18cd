"""Getting data in and out of a store, and keeping it safe: the exchange records
(export and import), backups and restore, and the doctor's checks."""
