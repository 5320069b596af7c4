#!/usr/bin/env python3
"""The web page under load: CLIENTS clients at once, each reading URL REQUESTS times over its own
keep-alive connection (Python's http.client, one thread a client). Prints one Markdown table row:
requests, failures, median and p99 latency in ms.

usage: load_check.py URL [CLIENTS 20] [REQUESTS 25]"""
import http.client
import statistics
import sys
import threading
import time
import urllib.parse

url = urllib.parse.urlparse(sys.argv[1])
clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
requests = int(sys.argv[3]) if len(sys.argv) > 3 else 25
latencies, failures, lock = [], [0], threading.Lock()
start = threading.Barrier(clients)


def client():
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    start.wait()
    for _ in range(requests):
        began = time.perf_counter()
        try:
            connection.request("GET", url.path or "/")
            response = connection.getresponse()
            body = response.read()
            ok = response.status == 200 and b"</html>" in body
        except Exception:
            ok = False
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        elapsed = (time.perf_counter() - began) * 1000
        with lock:
            latencies.append(elapsed)
            if not ok:
                failures[0] += 1


threads = [threading.Thread(target=client) for _ in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
latencies.sort()
p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
print(f"| {clients} clients × {requests} | {len(latencies)} | {failures[0]} | {statistics.median(latencies):.1f} | {p99:.1f} |")
