#!/usr/bin/env python3
"""Run a command under a time limit and report what it cost: its exit status, wall seconds and
peak resident memory (getrusage of the child), as one JSON object; the child is killed at the limit.

usage: run_limited.py SECONDS COMMAND [ARG...]
→ {"status": int, "seconds": float, "max_rss_mb": float, "timed_out": bool, "stdout": str, "stderr": str}"""
import json
import os
import resource
import subprocess
import sys
import time


def main():
    limit = float(sys.argv[1])
    started = time.monotonic()
    child = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    timed_out = False
    try:
        out, err = child.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        timed_out = True
    seconds = time.monotonic() - started
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    json.dump({"status": child.returncode, "seconds": round(seconds, 3), "max_rss_mb": round(rss_kb / 1024, 1),
               "timed_out": timed_out, "stdout": out.decode("utf-8", "replace"), "stderr": err.decode("utf-8", "replace")},
              sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
