#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into a NEW database (never over the
# live one), and optionally unpack the media archive into an empty folder.
#
#   scripts/restore.sh <file.dump> <target database URL> [<media.tar.gz> <media dir>]
#
# The target database must not exist yet: it is created (createdb) from the URL.
# Then point DATABASE_URL (and MEDIA_ROOT) at the restored copy, check it, switch.
set -euo pipefail

if [ $# -ne 2 ] && [ $# -ne 4 ]; then
    echo "usage: $0 <file.dump> <target database URL> [<media.tar.gz> <media dir>]" >&2
    exit 2
fi
dump="$1"
target_url="$2"

[ -r "$dump" ] || { echo "restore: cannot read $dump" >&2; exit 1; }
pg_restore --list "$dump" >/dev/null

# Split postgres://user:pass@host:port/dbname?options into a maintenance URL and a name.
db_name="${target_url##*/}"
db_name="${db_name%%\?*}"
server_url="${target_url%/*}/postgres"
[ -n "$db_name" ] || { echo "restore: no database name in the target URL" >&2; exit 1; }

exists="$(psql "$server_url" --no-psqlrc --tuples-only --no-align \
    --command="SELECT 1 FROM pg_database WHERE datname = '${db_name//\'/\'\'}'")"
if [ "$exists" = "1" ]; then
    echo "restore: database $db_name already exists; restore into a new one" >&2
    exit 1
fi
createdb --maintenance-db="$server_url" "$db_name"

pg_restore --no-owner --no-acl --exit-on-error --single-transaction \
    --dbname="$target_url" "$dump"
echo "restore: database restored into $db_name"

if [ $# -eq 4 ]; then
    media="$3"
    media_dir="$4"
    mkdir -p "$media_dir"
    if [ -n "$(ls -A "$media_dir")" ]; then
        echo "restore: $media_dir is not empty; unpack media into an empty folder" >&2
        exit 1
    fi
    tar --extract --gzip --file="$media" --directory="$media_dir" --no-same-owner
    echo "restore: media unpacked into $media_dir"
fi
