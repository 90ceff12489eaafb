"""A FIFO and /dev/zero given to every option that reads a file.

A FIFO opened for reading blocks until someone writes; /dev/zero never ends. A command that
does not check for a regular file first hangs or eats memory instead of answering with one
line. The commands run in a child process (the real CLI, in-process there) under an alarm and a
memory limit, so a regression fails this test instead of hanging the suite or the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = {
    "claims extract": ["claims", "extract", "{f}"],
    "claims text": ["claims", "text", "{f}"],
    "vendor init": ["vendor", "init", "newco", "--from", "{f}"],
    "evidence add": ["evidence", "add", "acme", "{f}", "--kind", "policy"],
    "evidence collect --ca-bundle": ["evidence", "collect", "acme", "--url", "https://127.0.0.1:9/",
                                     "--ca-bundle", "{f}"],
    "screen --list": ["screen", "--name", "Acme", "--list", "{f}"],
    "audit --list": ["audit", "acme", "--no-record", "--list", "{f}"],
    "verify": ["verify", "{f}"],
    "verify --trust": ["verify", "{ws}/none.pdf", "--trust", "{f}"],
    "report --data": ["report", "--data", "{f}", "--out", "{ws}/r.pdf"],
    "keys init --p12": ["keys", "init", "--p12", "{f}"],
    "requirements run": ["requirements", "run", "{f}", "--vendor", "acme"],
}

BATCH = r'''
import json, resource, signal, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))  # /dev/zero read whole: MemoryError, not swap
from click.testing import CliRunner
from auditor.cli.main import cli
for name, args in json.loads(sys.argv[1]):
    signal.alarm(20)  # a command blocked on a FIFO: SIGALRM ends the batch, the missing line names it
    result = CliRunner().invoke(cli, args, env={"AUDITOR_KEY_PASSPHRASE": "pw", "AUDITOR_P12_PASSPHRASE": "pw"})
    signal.alarm(0)
    print(json.dumps({"name": name, "code": result.exit_code, "stderr": result.stderr,
                      "stdout": result.stdout[:500], "exception": repr(result.exception)}), flush=True)
'''


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_every_file_option_refuses_what_is_not_a_regular_file(workspace, tmp_path, kind):
    (workspace / "evidence" / "acme").mkdir(parents=True)
    (workspace / "evidence" / "acme" / "vendor.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    (workspace / "none.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    if kind == "fifo":
        path = tmp_path / "fifo.txt"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    batch = [(name, ["--workspace", str(workspace), *[a.format(f=path, ws=workspace) for a in template]])
             for name, template in COMMANDS.items()]
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_DEBUG"}
    proc = subprocess.run([sys.executable, "-c", BATCH, json.dumps(batch)], capture_output=True, text=True,
                          env=env, timeout=300)
    done = {r["name"]: r for r in map(json.loads, proc.stdout.splitlines())}
    problems = [f"{name}: never answered (blocked on the {kind}, or killed: exit {proc.returncode})"
                for name in COMMANDS if name not in done]
    for name, r in done.items():
        err = r["stderr"]
        if r["code"] != 2 or "Traceback" in err or "internal error" in err:
            problems.append(f"{name}: exit {r['code']}: {err.strip()[-300:]} {r['exception']}")
        elif not err.startswith("Usage:") and len(err.strip().splitlines()) != 1:
            problems.append(f"{name}: not one line: {err!r}")
    assert not problems, "\n".join(problems)
    assert not (workspace / "r.pdf").exists() and not (workspace / "evidence" / "newco").exists()
