"""Fail when a committed migration is edited, renamed or deleted.

The migrations were regenerated from scratch once, in MIGRATIONS_BASELINE (issue 13);
from then on they are append-only: a schema change is a new migration. Checked
against main's history since the baseline, followed by first parents (a merge
counts as its change to main: a migration renamed inside a branch before it ever
landed is not a change to a committed migration), and the working tree.
"""

import subprocess
import sys

# The commit that regenerated every migration (docs/architecture.md, "Migrations").
MIGRATIONS_BASELINE = "b508020"
PATHSPEC = ["*/migrations/*.py", ":(exclude)*/migrations/__init__.py"]


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], check=True, capture_output=True, text=True
    ).stdout


def main() -> int:
    try:
        git("cat-file", "-e", f"{MIGRATIONS_BASELINE}^{{commit}}")
    except subprocess.CalledProcessError:
        print(f"migrations: baseline {MIGRATIONS_BASELINE} not in this clone's history")
        return 1
    problems = []
    log = git(
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--format=commit %h",
        "--name-status",
        "--diff-filter=MDR",
        f"{MIGRATIONS_BASELINE}..HEAD",
        "--",
        *PATHSPEC,
    )
    commit = ""
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.strip():
            problems.append(f"{commit}: {line}")
    for line in git(
        "diff", "--name-status", "--diff-filter=MDR", "HEAD", "--", *PATHSPEC
    ).splitlines():
        problems.append(f"working tree: {line}")
    if problems:
        print("migrations: committed migrations are append-only; these changed one:")
        print("\n".join(f"  {problem}" for problem in problems))
        print("Write a new migration instead (manage.py makemigrations).")
        return 1
    print("migrations: OK (append-only since the baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
