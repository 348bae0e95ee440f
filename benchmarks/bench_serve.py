"""Issue-15 figures for `newsreader serve`: ten SSH sessions opened at once, forked from the zygote
versus started fresh, and what ten idle sessions cost in memory.

    .venv/bin/python benchmarks/bench_serve.py [--sessions 10] [--rounds 2] [--path zygote|spawn|both]

Starts `newsreader serve` on 127.0.0.1 with a throw-away key pair and analysis cache (filled
first, as the server's warm-up does), opens N SSH connections, then asks for N sessions at once
(asyncssh client, real pty requests) and times each until the seed's headline is on its screen.
Then, with the sessions idle, sums the readers' PSS from /proc/PID/smaps_rollup (shared pages
split between the processes sharing them, so counted once in the sum). The floor is the same
run through the old path (`--no-zygote`: every session a fresh Python) and a minimal Textual app
started in a pty. Prints, never asserts; on a shared machine compare within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncssh
import pyte

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.terminal import PtyApp  # noqa: E402

SEED = next((ROOT / "seeds").glob("000_*.txt"))
HEADLINE = SEED.read_text(encoding="utf-8").strip().splitlines()[0][:40]
SIZE = (100, 30)
TARGET_PAINT = 1.0  # seconds: every one of ten sessions opened at once is painted
TARGET_PSS_MB = 400  # ten idle sessions together


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<62} {value:>12}   {target}", flush=True)


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of `pid` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                pass
    return found


def tree(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        for child in children(stack.pop()):
            out.append(child)
            stack.append(child)
    return out


def cmdline(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


class Server:
    def __init__(self, work: Path, env: dict[str, str], zygote: bool) -> None:
        self.log = work / ("zygote.log" if zygote else "spawn.log")
        args = [sys.executable, "-m", "tui", "serve", str(SEED), "--port", "0", "--max-sessions", "20"]
        args += ["--authorized-keys", str(work / "authorized_keys"), "--host-key", str(work / "host_key"), "--log", str(self.log)]
        args += [] if zygote else ["--no-zygote"]
        self.proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, cwd=ROOT)
        self.port = 0
        deadline = time.monotonic() + 60
        while not self.port and time.monotonic() < deadline:
            if select.select([self.proc.stderr], [], [], 1)[0]:
                line = self.proc.stderr.readline().decode()
                if match := re.search(r" on 127\.0\.0\.1:(\d+);", line):
                    self.port = int(match.group(1))
        self.wait_log("analysis cache ready")
        if zygote:
            self.wait_log("session zygote ready")

    def wait_log(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log.exists() and text in self.log.read_text():
                return
            time.sleep(0.1)
        raise TimeoutError(f"{text!r} not logged")

    def readers(self) -> list[int]:
        """Session readers: the server's `-m tui` children, or the zygote's children."""
        found = []
        for pid in children(self.proc.pid):
            argv = cmdline(pid)
            if argv[1:3] == [b"-m", b"tui"]:
                found.append(pid)
            elif argv[1:3] == [b"-m", b"tui.serve.zygote"]:
                found.extend(children(pid))
        return found

    def zygote(self) -> int | None:
        return next((p for p in children(self.proc.pid) if cmdline(p)[1:3] == [b"-m", b"tui.serve.zygote"]), None)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


async def sessions_at_once(
    server: Server, key: Path, count: int
) -> tuple[list[float], list[float], int, int, list[float], float, float]:
    """(seconds to headline per session from the session request, the same from the TCP
    connect, summed PSS kB of the idle readers, PSS kB of the zygote, CPU seconds each reader
    had used when all were painted, CPU seconds the server used meanwhile, and this client's:
    decrypting and emulating ten terminals in Python shares the same two cores)."""
    started_connect = time.perf_counter()
    conns = await asyncio.gather(
        *(
            asyncssh.connect(
                "127.0.0.1", server.port, username="bench", known_hosts=None, client_keys=[str(key)], agent_path=None
            )
            for _ in range(count)
        )
    )
    try:
        server_cpu = cpu_seconds(server.proc.pid)
        requested = time.perf_counter()
        client_cpu = time.process_time()

        async def one(conn) -> float:
            proc = await conn.create_process(term_type="xterm-256color", term_size=SIZE, encoding=None)
            screen = pyte.Screen(*SIZE)
            stream = pyte.ByteStream(screen)
            while HEADLINE not in "\n".join(screen.display):
                chunk = await proc.stdout.read(65536)
                if not chunk:
                    raise RuntimeError("session ended before painting")
                stream.feed(chunk)
            painted = time.perf_counter()
            asyncio.get_running_loop().create_task(drain(proc))
            return painted

        async def drain(proc) -> None:
            while await proc.stdout.read(65536):
                pass

        painted = await asyncio.wait_for(asyncio.gather(*(one(c) for c in conns)), 300)
        cpu = [cpu_seconds(pid) for pid in server.readers()]
        server_cpu = cpu_seconds(server.proc.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
        await asyncio.sleep(3.0)  # idle: first frames done, timers settled
        readers = server.readers()
        pss = sum(pss_kb(pid) for reader in readers for pid in (reader, *tree(reader)))
        zygote = server.zygote()
        zygote_pss = pss_kb(zygote) if zygote else 0
        if len(readers) != count:
            print(f"  (found {len(readers)} reader processes for {count} sessions)")
        return (
            [t - requested for t in painted],
            [t - started_connect for t in painted],
            pss,
            zygote_pss,
            cpu,
            server_cpu,
            client_cpu,
        )
    finally:
        for conn in conns:
            conn.close()
        await asyncio.gather(*(c.wait_closed() for c in conns), return_exceptions=True)


def minimal_app(runs: int) -> float:
    times = []
    for _ in range(runs):
        with PtyApp([sys.executable, str(ROOT / "benchmarks" / "minimal_app.py"), str(SEED)], cols=SIZE[0], rows=SIZE[1]) as app:
            times.append(app.wait_for(HEADLINE, 60))
            app.press("q")
            app.close()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of N sessions per path (alternated)")
    parser.add_argument("--path", choices=("zygote", "spawn", "both"), default="both")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nr-bench-serve-"))
    key = asyncssh.generate_private_key("ssh-ed25519")
    key.write_private_key(str(work / "id"))
    (work / "authorized_keys").write_bytes(key.export_public_key())
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(work / "cache"), "XDG_STATE_HOME": str(work / "state")}
    env.update(XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"), PYTHONPATH=str(ROOT))
    paths = ["zygote", "spawn"] if args.path == "both" else [args.path]
    print(f"bench_serve: {args.sessions} SSH sessions at once, {SIZE[0]}x{SIZE[1]}, seed {SEED.name}, cached analysis")
    print(f"  machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    results: dict[str, list[tuple[list[float], list[float], int, int, list[float], float, float]]] = {p: [] for p in paths}
    servers = {p: Server(work, env, p == "zygote") for p in paths}
    try:
        for _ in range(args.rounds):
            for path in paths:
                results[path].append(asyncio.run(sessions_at_once(servers[path], work / "id", args.sessions)))
                time.sleep(2)  # the closed sessions' readers are gone
    finally:
        for server in servers.values():
            server.stop()
    floor = minimal_app(3)
    print()
    row("minimal Textual app, one start in a pty (median of 3)", f"{floor * 1000:.0f} ms", "floor")
    for path in paths:
        label = "forked from the zygote" if path == "zygote" else "fresh process each (old path)"
        for index, (paint, with_connect, pss, zygote_pss, cpu, server_cpu, client_cpu) in enumerate(results[path], 1):
            target = f"target <= {TARGET_PAINT:.1f} s" if path == "zygote" else "floor"
            row(f"{label}, round {index}: all {len(paint)} painted (slowest)", f"{max(paint):.2f} s", target)
            row("  median session / fastest", f"{statistics.median(paint):.2f} / {min(paint):.2f} s")
            row("  slowest, counted from the SSH connect", f"{max(with_connect):.2f} s")
            row(
                "  CPU per reader until all painted (median) / the server's", f"{statistics.median(cpu):.2f} / {server_cpu:.2f} s"
            )
            row("  CPU of this benchmark's SSH client (pyte) meanwhile", f"{client_cpu:.2f} s")
            target = f"target <= {TARGET_PSS_MB} MB" if path == "zygote" else "floor"
            row(f"  {len(paint)} idle sessions, summed PSS (readers and helpers)", f"{pss / 1024:.0f} MB", target)
            if path == "zygote":
                row("  the same plus the zygote itself", f"{(pss + zygote_pss) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
