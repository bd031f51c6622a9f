"""How fast `govsite backup` and `govsite backup verify` run on the demo city plus bulk media (X6), and
the peak memory of each, measured as separate processes as an operator runs them. Not run by pytest.

    .venv/bin/python bench/backup_bench.py [--media-mb 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOVSITE = str(Path(sys.executable).with_name("govsite"))


# A fresh wrapper per command, so the peak RSS is that command's own, not the demo loader's before it.
_MEASURE = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True, "
            "check=True); sys.stdout.write(done.stdout); "
            "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))")


def run(env: dict, *args: str) -> tuple[float, float, str]:
    """Seconds, peak RSS of the command in MiB, and its standard output."""
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, GOVSITE, *args], env=env, capture_output=True,
                          text=True, check=True)
    seconds = time.perf_counter() - began
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024, done.stdout


def bulk_media(media: Path, megabytes: int) -> None:
    """Half incompressible (photos, PDFs), half text-like (HTML), as a site's media is."""
    media.mkdir(parents=True, exist_ok=True)
    for n in range(megabytes):
        data = os.urandom(1 << 20) if n % 2 else (f"<p>第{n}段政府信息公开内容。</p>" * 40_000).encode()[: 1 << 20]
        (media / f"bulk-{n:04d}.bin").write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--media-mb", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govsite-backup-bench-") as folder:
        env = {**os.environ, "GOVSITE_DATA_DIR": folder, "DJANGO_SETTINGS_MODULE": "govsite.settings.dev"}
        env.pop("DATABASE_URL", None)
        run(env, "migrate", "--noinput")
        run(env, "demo", "--credentials-file", str(Path(folder) / "c.txt"))
        bulk_media(Path(folder) / "media" / "bench", args.media_mb)
        seconds, peak, out = run(env, "backup", "--json")
        made = json.loads(out)
        path = Path(made["file"])
        size = path.stat().st_size / (1 << 20)
        db = Path(folder, "govsite.sqlite3").stat().st_size / (1 << 20)
        source = db + args.media_mb
        print(f"backup: {source:.0f} MiB (database {db:.0f} MiB + media) -> {size:.0f} MiB in {seconds:.1f} s "
              f"= {source / seconds:.1f} MiB/s, peak RSS {peak:.0f} MiB")
        seconds, peak, _out = run(env, "backup", "verify", str(path), "--json")
        print(f"verify (scratch restore + row checksums + file hashes): {seconds:.1f} s "
              f"= {source / seconds:.1f} MiB/s, peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
