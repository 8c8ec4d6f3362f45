#!/usr/bin/env python3
"""Time from launch to the dashboard's first frame, and to the frame with the model loaded.

Runs the release binary in a pseudo-terminal (120x40) and feeds what it writes into a
terminal emulator (pyte: `pip install pyte`): the first frame is on screen when the status
bar's "[as of]" is; the model is when the loading gauge has gone and players are listed.
Then `q`, and the process's peak RSS (from wait4) is reported too.

    benches/first_frame.py                        # the embedded corpus, 10 runs
    benches/first_frame.py --corpus DIR --runs 5  # a corpus folder
    benches/first_frame.py --db LIBRARY.db        # a library (mercato import / fetch)
    benches/first_frame.py --binary OTHER_BUILD   # compare with another build

Prints every run and the medians, in milliseconds.
"""
import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import tempfile
import termios
import time

import pyte  # a terminal emulator: pip install pyte

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "mercato")


def one_run(args):
    # Always a --db, so that the user's own library is never read by accident.
    command = [args.binary, "--as-of", "2026-01-01", "--db", args.db]
    for corpus in args.corpus:
        command += ["--corpus", corpus]
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(args.binary, command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    screen = pyte.Screen(120, 40)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    first = loaded = None
    deadline = start + args.timeout
    while time.perf_counter() < deadline and loaded is None:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        now = time.perf_counter()
        stream.feed(chunk)
        text = "\n".join(screen.display)
        if first is None and "[as of]" in text:
            first = now
        if first is not None and "Loading the corpus" not in text and "of 0 players" not in text:
            loaded = now
    os.write(fd, b"q")
    try:
        _, _, usage = os.wait4(pid, 0)
    finally:
        os.close(fd)
    ms = lambda t: None if t is None else (t - start) * 1000
    return ms(first), ms(loaded), usage.ru_maxrss / 1000  # kB → MB


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument(
        "--db", help="the library to read when no --corpus is given (default: none: the sample)"
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--binary", default=BINARY, help="another build to compare (not rebuilt)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    if args.db is None:
        args.db = os.path.join(tempfile.mkdtemp(prefix="mercato-first-frame-"), "none.db")
    if args.binary == BINARY:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "mercato"], cwd=ROOT, check=True)
    firsts, loads, peaks = [], [], []
    print("run  first_frame_ms  model_on_screen_ms  peak_rss_MB")
    for run in range(1, args.runs + 1):
        first, loaded, peak = one_run(args)
        shown = loaded if loaded is None else round(loaded, 1)
        print(f"{run:>3}  {first:>14.1f}  {shown:>18}  {peak:>11.1f}")
        firsts.append(first)
        peaks.append(peak)
        if loaded is not None:
            loads.append(loaded)
    print(f"median first frame: {statistics.median(firsts):.1f} ms")
    if loads:
        print(f"median model on screen: {statistics.median(loads):.1f} ms")
    print(f"median peak RSS: {statistics.median(peaks):.1f} MB")


if __name__ == "__main__":
    main()
