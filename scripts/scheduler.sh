#!/bin/sh
# Scheduled jobs for the `scheduler` container (same image as web), or run the same
# commands from the host's cron (docs/deployment.md).
#   every SCHEDULE_INTERVAL seconds (default 300): publish_scheduled
#   once a day at DAILY_HOUR (container time zone, default 03): purge_revisions,
#   prune_db_task_results, clearsessions, purge_security_state, campaign_renewals
set -u

INTERVAL="${SCHEDULE_INTERVAL:-300}"
DAILY_HOUR="${DAILY_HOUR:-03}"
REVISION_DAYS="${PURGE_REVISIONS_DAYS:-180}"
TASK_RESULT_DAYS="${PRUNE_TASK_RESULTS_DAYS:-30}"
last_daily=""

run() {
    # A failing job is logged and retried next round; the loop keeps going.
    python manage.py "$@" || echo "scheduler: '$*' failed with status $?" >&2
}

trap 'exit 0' TERM INT

while :; do
    run publish_scheduled
    today="$(date +%F)"
    if [ "$(date +%H)" = "$DAILY_HOUR" ] && [ "$last_daily" != "$today" ]; then
        run purge_revisions --days="$REVISION_DAYS"
        run prune_db_task_results --min-age-days="$TASK_RESULT_DAYS"
        run clearsessions
        run purge_security_state
        run campaign_renewals
        last_daily="$today"
    fi
    # sleep in the background so TERM is handled at once.
    sleep "$INTERVAL" &
    wait $!
done
