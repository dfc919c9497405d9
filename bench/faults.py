"""Faults: each must end in a clear error or a completed rerun, never a half-stored article or a duplicate.

    python bench/faults.py [--only kill-ingest|kill-worker|full-disk|postgres-restart]... [--articles N]

1. kill-ingest: `newsfacts ingest` of N articles is killed with SIGKILL after 5 are stored; the same
   command is run again;
2. kill-worker: `newsfacts batch --workers 2 --db` loses a Dask worker process to SIGKILL after its first
   chunk is done; Dask retries the chunk (a rerun follows if the batch still reports a lost chunk);
3. full-disk: ingest into a SQLite store on a 1 MB tmpfs (or, where mounting is not allowed, under a 1 MB
   file-size limit): it must stop with `error[E401]`; the disk is then grown and the command run again;
4. postgres-restart: a private PostgreSQL cluster (initdb on a free loopback port, as the `postgres` user) is
   restarted with `pg_ctl restart -m fast` mid-ingest; the command is run again. Skipped without the server
   binaries.

After each: articles expected vs stored, distinct URLs, and articles whose fact or incident rows disagree with
their record (half-stored). For the batch also the Parquet `articles` rows and distinct `article_id`s.
Exits 1 when any scenario ends with a missing, half-stored or duplicated article.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from soak import BIN, free_port, write_batch_input

KILL_AFTER_STORED = 5
SMALL_DISK = "1m"  # the dev set's records take ~3 MB in SQLite with their index: the disk fills mid-run


def sample_input(workdir: Path, articles: int) -> tuple[Path, int]:
    full = workdir / "all.jsonl"
    write_batch_input(full)
    lines = full.read_text(encoding="utf-8").splitlines()[:articles]
    path = workdir / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines)


def store_figures(url: str) -> dict:
    """Stored, distinct URLs, and half-stored articles (fact or incident rows that disagree with the record)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, record FROM article")).all()
            urls = conn.execute(text("SELECT count(DISTINCT url) FROM article")).scalar()
            facts = dict(conn.execute(text("SELECT article_id, count(*) FROM fact GROUP BY article_id")).all())
            incidents = dict(conn.execute(text("SELECT article_id, count(*) FROM incident GROUP BY article_id")).all())
    finally:
        engine.dispose()
    half = 0
    for article_id, record in rows:
        parsed = json.loads(record)
        half += facts.get(article_id, 0) != len(parsed["facts"]) or incidents.get(article_id, 0) != len(parsed["events"])
    return {"stored": len(rows), "distinct_urls": urls, "half_stored": half}


def ingest_command(path: Path, url: str) -> list[str]:
    return [str(BIN / "newsfacts"), "ingest", str(path), "--db", url]


def run_until_stored(command: list[str], stored: int, action: Callable[[subprocess.Popen], None],
                     env: dict | None = None) -> tuple[int, list[str]]:
    """Start an ingest, let it store `stored` articles, do `action` to it, and let it end; (rc, stderr lines)."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    lines: list[str] = []
    added = 0
    for line in process.stderr:
        lines.append(line.rstrip())
        added += " as article " in line and "duplicate" not in line
        if added >= stored:
            action(process)
            break
    lines += [line.rstrip() for line in process.stderr]
    return process.wait(timeout=600), lines


def rerun(command: list[str], env: dict | None = None) -> tuple[int, list[str]]:
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return done.returncode, done.stderr.splitlines()


def verdict(name: str, expected: int, figures: dict, notes: list[str], clean: bool = True) -> bool:
    """Print the figures; OK when every article is stored once and whole and the scenario's own
    conditions (`clean`: a clear error, a successful rerun, ...) held."""
    ok = clean and figures["stored"] == expected == figures["distinct_urls"] and figures["half_stored"] == 0
    print(f"{name}: {'OK' if ok else 'FAILED'}: articles expected {expected}, stored {figures['stored']}, "
          f"distinct URLs {figures['distinct_urls']}, half-stored {figures['half_stored']}")
    for note in notes:
        print(f"  {note}")
    return ok


# --- the scenarios --------------------------------------------------------------------------------------


def kill_ingest(workdir: Path, source: Path, expected: int) -> bool:
    url = f"sqlite:///{workdir / 'killed.db'}"
    rc, _ = run_until_stored(ingest_command(source, url), KILL_AFTER_STORED, lambda p: p.send_signal(signal.SIGKILL))
    after_kill = store_figures(url)
    rerun_rc, lines = rerun(ingest_command(source, url))
    duplicates = sum("duplicate of article" in line for line in lines)
    return verdict("kill-ingest", expected, store_figures(url), [
        f"killed (exit {rc}) with {after_kill['stored']} stored, {after_kill['half_stored']} half-stored",
        f"rerun exit {rerun_rc}: {duplicates} inputs recognised as already stored",
    ], clean=after_kill["half_stored"] == 0 and rerun_rc == 0)


def worker_processes(pid: int) -> list:
    import psutil

    return [p for p in psutil.Process(pid).children(recursive=True) if "python" in p.name().lower()]


def kill_worker(workdir: Path, source: Path, expected: int) -> bool:
    url = f"sqlite:///{workdir / 'batch.db'}"
    out = workdir / "batch-out"
    command = [str(BIN / "newsfacts"), "batch", str(source), "--out", str(out), "--workers", "2",
               "--chunk-size", "4", "--db", url, "--quiet", "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done_file = out / "_batch" / "done.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if done_file.exists() and done_file.read_text().strip():
            break
        time.sleep(0.2)
    killed = "none (the batch ended first)"
    workers = worker_processes(process.pid) if process.poll() is None else []
    if workers:
        victim = max(workers, key=lambda p: p.memory_info().rss)  # the one holding a spaCy pipeline
        killed = f"pid {victim.pid} ({victim.memory_info().rss / 2**20:.0f} MB)"
        victim.send_signal(signal.SIGKILL)
    _, err = process.communicate(timeout=600)
    notes = [f"killed worker {killed}; batch exit {process.returncode}"]
    if process.returncode != 0:
        rerun_rc, _ = rerun(command)
        notes.append(f"rerun exit {rerun_rc}")
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    table = ds.dataset(out / "articles", partitioning="hive").to_table(columns=["article_id"])
    distinct = len(pc.unique(table["article_id"]))
    notes.append(f"Parquet articles: {table.num_rows} rows, {distinct} distinct article_id")
    errors = out / "errors.jsonl"
    notes.append(f"errors.jsonl: {len(errors.read_text().splitlines()) if errors.exists() else 0} lines")
    return verdict("kill-worker", expected, store_figures(url), notes, clean=table.num_rows == distinct == expected)


def mount_small_disk(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def full_disk(workdir: Path, source: Path, expected: int) -> bool:
    disk = workdir / "small-disk"
    mounted = mount_small_disk(disk)
    url = f"sqlite:///{disk / 'full.db'}"
    command = ingest_command(source, url)
    if not mounted:  # RLIMIT_FSIZE: Python ignores SIGXFSZ, so writes past it fail with EFBIG, as on a full disk
        command = [sys.executable, "-c", "import resource,sys,runpy; resource.setrlimit(resource.RLIMIT_FSIZE, "
                   "(1 << 20, 1 << 20)); sys.argv=sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                   *command]
    try:
        first = subprocess.run(command, capture_output=True, text=True, timeout=600)
        errors = [line for line in first.stderr.splitlines() if "error[" in line]
        after_full = store_figures(url)
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=256m", str(disk)], check=True)
            rerun_rc, _ = rerun(ingest_command(source, url))
        else:
            rerun_rc, _ = rerun(ingest_command(source, url))
        figures = store_figures(url)
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], capture_output=True)
    clear = bool(errors) and all("error[E401]" in line for line in errors)
    return verdict("full-disk", expected, figures, [
        f"{'tmpfs of ' + SMALL_DISK if mounted else '1 MB file-size limit'}: exit {first.returncode}, "
        f"{after_full['stored']} stored, {after_full['half_stored']} half-stored, {len(errors)} inputs refused",
        f"first error: {errors[0][:200] if errors else '(none: the disk did not fill)'}",
        f"disk grown, rerun exit {rerun_rc}",
    ], clean=clear and after_full["half_stored"] == 0 and first.returncode == 1 and rerun_rc == 0)


def pg_tools() -> dict[str, str] | None:
    tools = {name: shutil.which(name) for name in ("initdb", "pg_ctl")}
    version_dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    for name in tools:
        if tools[name] is None and version_dirs and (version_dirs[-1] / name).exists():
            tools[name] = str(version_dirs[-1] / name)
    return tools if all(tools.values()) else None  # type: ignore[return-value]


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_restart(workdir: Path, source: Path, expected: int) -> bool | None:
    tools = pg_tools()
    if tools is None:
        print("postgres-restart: skipped: no initdb/pg_ctl (apt-get install postgresql)")
        return None
    data = Path(tempfile.mkdtemp(prefix="newsfacts-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    cluster = data / "cluster"
    pg_ctl = as_postgres([tools["pg_ctl"], "-D", str(cluster), "-w", "-l", str(data / "log")])
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1"
    subprocess.run(as_postgres([tools["initdb"], "-D", str(cluster), "-U", "postgres", "--auth=trust"]),
                   check=True, capture_output=True)
    subprocess.run([*pg_ctl, "-o", options, "start"], check=True, capture_output=True)
    try:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        restarted: list[float] = []

        def restart(_process: subprocess.Popen) -> None:
            began = time.monotonic()
            subprocess.run([*pg_ctl, "-m", "fast", "-o", options, "restart"], check=True, capture_output=True)
            restarted.append(time.monotonic() - began)

        rc, lines = run_until_stored(ingest_command(source, url), KILL_AFTER_STORED, restart)
        errors = [line for line in lines if "error[" in line]
        crashed = any(line.startswith("Traceback") for line in lines)
        after_restart = store_figures(url)
        rerun_rc, _ = rerun(ingest_command(source, url))
        return verdict("postgres-restart", expected, store_figures(url), [
            f"restarted in {restarted[0] if restarted else 0:.1f} s mid-ingest: exit {rc}, "
            f"{after_restart['stored']} stored, {after_restart['half_stored']} half-stored, {len(errors)} error lines",
            f"first error: {errors[0][:200] if errors else '(none: the ingest reconnected)'}",
            f"ended in a traceback: {'YES (' + lines[-1][:160] + ')' if crashed else 'no'}",
            f"rerun exit {rerun_rc}",
        ], clean=not crashed and after_restart["half_stored"] == 0 and rerun_rc == 0)
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


SCENARIOS = {"kill-ingest": kill_ingest, "kill-worker": kill_worker, "full-disk": full_disk,
             "postgres-restart": postgres_restart}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill, starve and restart things mid-ingest; nothing may be lost.")
    parser.add_argument("--only", action="append", choices=sorted(SCENARIOS), help="run only this scenario (repeatable)")
    parser.add_argument("--articles", type=int, default=30, help="articles per scenario (default 30, at most 55)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="faults-"))
    source, expected = sample_input(workdir, args.articles)
    results = {}
    for name in args.only or SCENARIOS:
        began = time.monotonic()
        results[name] = SCENARIOS[name](workdir, source, expected)
        print(f"  ({time.monotonic() - began:.0f} s)", flush=True)
    failed = [name for name, ok in results.items() if ok is False]
    print(f"faults: {sum(ok is True for ok in results.values())} passed, {len(failed)} failed, "
          f"{sum(ok is None for ok in results.values())} skipped" + (f": {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
