"""The database's files as the system sees them: readable by their owner alone (mode 600: they
hold chat ids, names and alerts), read and written by the user jobbot runs as, and owned after
a restore run as root by whoever owned the file it replaced. A problem is one line naming the
file and the command that mends it."""

from __future__ import annotations

import grp
import logging
import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE = 0o600


def files(database: Path) -> list[Path]:
    """The database and its -wal and -shm, those that exist."""
    found = (Path(f"{database}{end}") for end in ("", "-wal", "-shm"))
    return [f for f in found if f.exists()]


def tighten(database: Path) -> None:
    """Make the database and its -wal/-shm mode 600 when others may read them (a database made
    by an older jobbot, a copy put in place by hand), said once."""
    loose = []
    for f in files(database):
        try:
            mode = stat.S_IMODE(f.stat().st_mode)
        except OSError:  # gone meanwhile (a -wal at a checkpoint)
            continue
        if mode & 0o077:
            loose.append((f, mode))
    if not loose:
        return
    named = ", ".join(f"{f.name} {mode:o}" for f, mode in loose)
    try:
        for f, _ in loose:
            os.chmod(f, PRIVATE)
    except OSError as exc:
        log.warning(
            "%s can be read by other users (%s) and jobbot cannot change that (%s): run chmod "
            "600 on it; it holds chat ids, names and alerts",
            database, named, exc.strerror or exc,
        )  # fmt: skip
        return
    log.info("made %s readable by its owner alone (mode 600; was: %s)", database, named)


@dataclass(frozen=True)
class Owner:
    """Who owns a file: a user and a group, by number."""

    uid: int
    gid: int

    @classmethod
    def of(cls, path: Path) -> Owner:
        st = path.stat()
        return cls(st.st_uid, st.st_gid)

    @classmethod
    def me(cls) -> Owner:
        return cls(os.geteuid(), os.getegid())

    def __str__(self) -> str:
        """`user:group` by name, by number where a name is unknown."""
        try:
            user = pwd.getpwuid(self.uid).pw_name
        except KeyError:
            user = str(self.uid)
        try:
            group = grp.getgrgid(self.gid).gr_name
        except KeyError:
            group = str(self.gid)
        return f"{user}:{group}"


def hand_over(paths: list[Path], owner: Owner) -> str | None:
    """Give `paths` (those that exist) to `owner`, as a restore run as root must; None when
    they are its, else the `chown` command that would make them so (this user may not)."""
    left = []
    for path in (p for p in paths if p.exists()):
        if Owner.of(path) == owner:
            continue
        try:
            os.chown(path, owner.uid, owner.gid)
        except PermissionError:  # the group alone may stay: at mode 600 it grants nothing
            if Owner.of(path).uid != owner.uid:
                left.append(path)
    if not left:
        return None
    return f"chown {owner} {' '.join(str(p) for p in left)}"


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _user() -> str:
    uid = os.geteuid()
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def access_problem(database: Path) -> str | None:
    """Why the user jobbot runs as cannot read and write the database's files, with the fix;
    None when it can (or there is no file yet)."""
    for f in files(database):
        if os.access(f, os.R_OK | os.W_OK):
            continue
        if _read_only_mount(f):
            return (
                f"the database {database} is on a read-only file system; set storage.path to a "
                "place jobbot's user can write, such as /var/lib/jobbot/jobbot.db"
            )
        st = f.stat()
        return (
            f"the database {database} cannot be written by this user, {_user()}: {f} is owned "
            f"by {Owner.of(f)}, mode {stat.S_IMODE(st.st_mode):o}; give it to the user jobbot "
            f"runs as (chown {Owner.me()} {' '.join(str(p) for p in files(database))}), or set "
            "storage.path to a place it can write"
        )
    return None


def unwritable(database: Path, why: object) -> str:
    """What SQLite's `why` ("attempt to write a readonly database", "unable to open database
    file") means for `database`: its files or its folder, which this user cannot write."""
    if problem := access_problem(database):
        return problem
    folder = database.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"the database {database} cannot be written ({why}): its folder {folder} cannot be "
            f"written by this user, {_user()}, and SQLite keeps its -wal and -shm files there; "
            f"give the folder to the user jobbot runs as (chown {Owner.me()} {folder}), or set "
            "storage.path to a place it can write"
        )
    return f"the database {database} cannot be written ({why}); check its files' owner and mode"
