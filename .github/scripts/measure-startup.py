#!/usr/bin/env python3
"""Start-up time and memory of a server command, on the sandbox, as Markdown rows.

stdio: spawn -> the answer to tools/list (after initialize), and the peak RSS then.
http:  spawn -> /q/health/live answers 200, -> tools/list over /mcp, and the peak RSS then.
Usage: measure-startup.py COMMAND [ARG...]   (e.g. target/*-runner, or java -jar target/quarkus-app/quarkus-run.jar)
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

RUNS = int(os.environ.get("MEASURE_RUNS", "5"))


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def stdio(cmd):
    env = dict(os.environ, KS_MCP_SANDBOX="true", KS_MCP_TRANSPORT="stdio")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "measure", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ]
    proc.stdin.write("".join(json.dumps(r) + "\n" for r in requests).encode())
    proc.stdin.flush()
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("stdio: the server ended before answering tools/list")
        if json.loads(line).get("id") == 2:
            break
    elapsed = time.monotonic() - start
    rss = peak_rss_mib(proc.pid)
    proc.stdin.close()
    proc.wait(timeout=30)
    if proc.returncode != 0:
        raise SystemExit(f"stdio: exit status {proc.returncode} after stdin closed")
    return elapsed, rss


def http(cmd):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, KS_MCP_SANDBOX="true", KS_MCP_TRANSPORT="http", QUARKUS_HTTP_PORT=str(port))
    base = f"http://127.0.0.1:{port}"
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"http: the server ended with status {proc.returncode}")
            try:
                with urllib.request.urlopen(base + "/q/health/live", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.005)
        live = time.monotonic() - start
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "measure", "version": "1"}}}
        request = urllib.request.Request(base + "/mcp", json.dumps(init).encode(), headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            session = response.headers["Mcp-Session-Id"]
            response.read()
        headers["Mcp-Session-Id"] = session
        listing = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
        with urllib.request.urlopen(urllib.request.Request(base + "/mcp", json.dumps(listing).encode(), headers),
                                    timeout=30) as response:
            if b'"tools"' not in response.read():
                raise SystemExit("http: tools/list did not list tools")
        return live, time.monotonic() - start, peak_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    cmd = sys.argv[1:]
    if not cmd:
        raise SystemExit(__doc__)
    s = [stdio(cmd) for _ in range(RUNS)]
    h = [http(cmd) for _ in range(RUNS)]
    print(f"Median of {RUNS} runs of `{' '.join(cmd)}` on the sandbox:\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| stdio: spawn → tools/list answered | {median([x[0] for x in s]):.3f} s |")
    print(f"| stdio: peak RSS then | {median([x[1] for x in s]):.0f} MiB |")
    print(f"| http: spawn → /q/health/live 200 | {median([x[0] for x in h]):.3f} s |")
    print(f"| http: spawn → tools/list answered | {median([x[1] for x in h]):.3f} s |")
    print(f"| http: peak RSS then | {median([x[2] for x in h]):.0f} MiB |")


if __name__ == "__main__":
    main()
