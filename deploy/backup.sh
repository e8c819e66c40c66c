#!/usr/bin/env bash
# One backup of the Gemeinwerk database and its uploaded files into $BACKUP_DIR, then removal of
# backups older than $BACKUP_RETENTION_DAYS. Run from the checkout with the app's environment
# (gemeinwerk-backup.service).
# Restore: README, "Backup and restore".
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BACKUP_DIR:?BACKUP_DIR must be set}"
retention="${BACKUP_RETENTION_DAYS:-30}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077
mkdir -p "$BACKUP_DIR"
case "${DATABASE_URL:-sqlite}" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges \
      --file="$BACKUP_DIR/gemeinwerk-$stamp.dump" "$DATABASE_URL"
    ;;
  *)
    .venv/bin/python manage.py sqlite_backup "$BACKUP_DIR/gemeinwerk-$stamp.sqlite3"
    ;;
esac
# The uploaded files after the database: a file is never changed, only added or removed, so
# every file the database names is in the archive — except one deleted in the seconds between
# the two steps (its download then answers 404 after a restore).
media="${MEDIA_ROOT:-media}"
if [ -d "$media/wissen" ]; then
  tar --create --gzip --file="$BACKUP_DIR/gemeinwerk-$stamp-files.tar.gz" -C "$media" wissen
fi
find "$BACKUP_DIR" -maxdepth 1 -name 'gemeinwerk-*' -type f -mtime "+$retention" -delete
