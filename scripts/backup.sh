#!/usr/bin/env bash
# Back up the database (pg_dump custom format) and the media files (tarball).
#
#   DATABASE_URL=postgres://user:pass@host:5432/clac MEDIA_ROOT=/app/media \
#   BACKUP_DIR=/backups scripts/backup.sh
#
# Writes BACKUP_DIR/clac-<UTC stamp>.dump and BACKUP_DIR/clac-<stamp>-media.tar.gz,
# then deletes backups older than BACKUP_KEEP_DAYS (default 14; 0 keeps everything).
# Prints the two file names on stdout. Restore with scripts/restore.sh.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is required}"
BACKUP_DIR="${BACKUP_DIR:-./backups}"
MEDIA_ROOT="${MEDIA_ROOT:-./media}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"
STAMP="${BACKUP_STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}"

mkdir -p "$BACKUP_DIR"
umask 077  # backups hold personal data (form submissions): owner-only

dump="$BACKUP_DIR/clac-$STAMP.dump"
media="$BACKUP_DIR/clac-$STAMP-media.tar.gz"

# Write to a temporary name first so a failed run never looks like a good backup.
pg_dump --format=custom --no-owner --no-acl --file="$dump.partial" "$DATABASE_URL"
pg_restore --list "$dump.partial" >/dev/null  # the archive is readable
mv "$dump.partial" "$dump"

if [ -d "$MEDIA_ROOT" ]; then
    tar --create --gzip --file="$media.partial" --directory="$MEDIA_ROOT" .
else
    echo "backup: no media folder at $MEDIA_ROOT, writing an empty media archive" >&2
    tar --create --gzip --file="$media.partial" --files-from=/dev/null
fi
mv "$media.partial" "$media"

if [ "$KEEP_DAYS" -gt 0 ]; then
    find "$BACKUP_DIR" -maxdepth 1 -type f -name 'clac-*' -mtime +"$KEEP_DAYS" -delete
fi

echo "$dump"
echo "$media"
