#!/usr/bin/env python3
"""Cuts the test excerpts in this folder out of real logs that bench/gen_pg_log.sh captured (stderr, csvlog and
jsonlog of one run): a few complete messages of every kind, so each case stays small while every line is what
PostgreSQL 15 wrote.

    bench/gen_pg_log.sh /tmp/cap '%m [%p] ' 1
    tests/cases/logs/excerpt.py /tmp/cap '%m [%p] ' tests/cases/logs/stderr_default [--csv DIR] [--json DIR]

The stderr file is split into messages (a line that is not a continuation or a DETAIL/STATEMENT/… line of the
same process starts one); messages are kept by kind, at most a few of each; the csvlog and jsonlog records of
the same messages (same timestamp and pid) are kept for the csv/json cases.
"""
import json
import re
import sys

SECONDARY = ("DETAIL:  ", "HINT:  ", "CONTEXT:  ", "STATEMENT:  ", "QUERY:  ")
KINDS = [  # (kind, pattern in the message, how many to keep)
    ("start", r"LOG:  (starting PostgreSQL|database system is ready)", 2),
    ("connection", r"LOG:  connection (received|authorized)", 4),
    ("disconnection", r"LOG:  disconnection", 3),
    ("statement", r"LOG:  duration: [0-9.]+ ms  statement: (SELECT abalance|UPDATE pgbench_tellers|BEGIN|END)", 12),
    ("multiline", r"statement: SELECT bid,$", 1),
    ("bind", r"LOG:  duration: [0-9.]+ ms  (bind|parse) ", 3),
    ("execute", r"LOG:  duration: [0-9.]+ ms  execute ", 8),
    ("plan", r"LOG:  duration: [0-9.]+ ms  plan:", 3),
    ("error", r"(ERROR|FATAL):  ", 10),
    ("lock", r"LOG:  process \d+ (still waiting|acquired|detected deadlock)", 10),
    ("sort", r"statement: SET work_mem", 1),
    ("locked_statement", r"statement: (BEGIN; UPDATE|UPDATE pgbench_accounts SET abalance = abalance - 1)", 4),
    ("temp", r"LOG:  temporary file", 6),
    ("checkpoint", r"LOG:  checkpoint (starting|complete)", 4),
    ("autovacuum", r"LOG:  automatic (aggressive )?(vacuum|analyze) of table \"postgres\.", 6),
    ("autovacuum_catalog", r"LOG:  automatic (aggressive )?(vacuum|analyze) of table \"template1\.", 2),
]


def messages(lines, prefix_pid):
    current = []
    for line in lines:
        pid = prefix_pid(line)
        if line.startswith("\t") or (current and any(s in line for s in SECONDARY) and pid == prefix_pid(current[0])):
            current.append(line)
            continue
        if current:
            yield current
        current = [line]
    if current:
        yield current


def main():
    source, prefix, out = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = dict(zip(sys.argv[4::2], sys.argv[5::2]))
    lines = open(f"{source}/postgresql.log", encoding="utf-8").read().splitlines(keepends=True)
    pid_re = re.compile(r"\[(\d+)\]")
    prefix_pid = lambda l: (pid_re.search(l) or [None, None])[1]
    kept, counts, keys = [], {}, set()
    for message in messages(lines, prefix_pid):
        first = message[0]
        for kind, pattern, limit in KINDS:
            if re.search(pattern, first, re.M) and counts.get(kind, 0) < limit:
                counts[kind] = counts.get(kind, 0) + 1
                kept.extend(message)
                ts = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", first)
                keys.add((ts.group(0) if ts else "", prefix_pid(first)))
                break
    open(f"{out}/postgresql.log", "w", encoding="utf-8").writelines(kept)
    if "--csv" in extra:
        import csv
        rows = list(csv.reader(open(f"{source}/postgresql.csv", encoding="utf-8", newline="")))
        with open(f"{extra['--csv']}/postgresql.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            for row in rows:
                if len(row) > 3 and (row[0][:23] if "." in row[0] else row[0][:19], row[3]) in {(k[0][:23], k[1]) for k in keys}:
                    writer.writerow(row)
    if "--json" in extra:
        with open(f"{extra['--json']}/postgresql.json", "w", encoding="utf-8") as f:
            wanted = {(k[0][:23], k[1]) for k in keys}
            for line in open(f"{source}/postgresql.json", encoding="utf-8"):
                record = json.loads(line)
                if (record["timestamp"][:23], str(record["pid"])) in wanted:
                    f.write(line)
    print(counts, file=sys.stderr)


if __name__ == "__main__":
    main()
