"""A private PostgreSQL cluster for the tests and benchmarks of `--database-url`: initdb into a
temporary directory, started with pg_ctl on a free loopback port, stopped and removed at the end.

Uses Debian's packages (scripts/install-deps.sh installs `postgresql`). PostgreSQL refuses to run
as root, so as root the cluster belongs to the `postgres` user and every command runs through
`runuser -u postgres --`. The superuser is `portico` with a password (SCRAM over TCP), so the
URL carries credentials as a real deployment's would.
"""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

PASSWORD = "s3cret-pw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin_dir():
    """The newest installed server's bin directory, or None."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return os.path.dirname(candidates[-1]) if candidates else None


class PostgresCluster:
    """initdb + pg_ctl start/stop/restart on a free port; `url` names database `portico`."""

    def __init__(self):
        self.bin = pg_bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql "
                               "(scripts/install-deps.sh installs Debian's postgresql package)")
        self.port = _free_port()
        self.root = tempfile.mkdtemp(prefix="portico-pg-")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "postgres.log")
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
            os.chmod(self.root, 0o755)

    @property
    def url(self) -> str:
        return f"postgres://portico:{PASSWORD}@127.0.0.1:{self.port}/portico?sslmode=disable"

    def _run(self, *args, check=True, timeout=60):
        command = [os.path.join(self.bin, args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        out = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if check and out.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({out.returncode}): {out.stderr.strip()}"
                               f"\n{self._log_tail()}")
        return out

    def _log_tail(self):
        try:
            with open(self.log) as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def init(self):
        pwfile = os.path.join(self.root, "pw")
        with open(pwfile, "w") as f:
            f.write(PASSWORD + "\n")
        if self.as_root:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-U", "portico", f"--pwfile={pwfile}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
        os.remove(pwfile)
        self.start()
        out = subprocess.run([os.path.join(self.bin, "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                              "-U", "portico", "portico"], capture_output=True, text=True, timeout=30,
                             env=dict(os.environ, PGPASSWORD=PASSWORD))
        if out.returncode != 0:
            raise RuntimeError(f"createdb failed: {out.stderr.strip()}")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "30", "start")
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop", check=False)

    def processes(self):
        """The postmaster's pid and its children's (backends, background workers)."""
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            postmaster = int(f.readline())
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        return [postmaster, *map(int, children)]

    def signal(self, signum):
        """Sends `signum` to every process of the cluster (SIGSTOP: a database that stops answering)."""
        for pid in self.processes():
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass

    def psql(self, sql):
        out = subprocess.run([os.path.join(self.bin, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
                              "portico", "-d", "portico", "-At", "-c", sql], capture_output=True, text=True,
                             timeout=30, env=dict(os.environ, PGPASSWORD=PASSWORD))
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.strip()}")
        return out.stdout.strip()

    def cleanup(self):
        self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def wait_until(predicate, timeout, interval=0.002):
    """Seconds until predicate() held (polled), or None if it never did within timeout."""
    start = time.perf_counter()
    while True:
        if predicate():
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            return None
        time.sleep(interval)
