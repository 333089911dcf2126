#!/usr/bin/env python3
"""Puts dbarch's top queries (`dbarch logs --format json`) beside pgBadger's figures for the same queries
(its JSON output's normalyzed_info): count and total time. Both normalize queries their own way (dbarch:
libpg_query's fingerprint and $n placeholders; pgBadger: lower case and '?'), so texts are compared after
folding both to one form. Several dbarch groups can fold to one pgBadger entry and the other way round
(pgBadger keeps IN lists' lengths apart, dbarch's fingerprint does not); those are listed as such."""
import json
import re
import sys
from collections import defaultdict


def fold(sql: str) -> str:
    s = sql.lower()
    s = re.sub(r"\$\d+", "?", s)
    s = re.sub(r"'(?:[^']|'')*'", "?", s)
    s = re.sub(r"\b\d+(\.\d+)?\b", "?", s)
    s = s.replace("?.?", "?")
    s = re.sub(r"\s+", "", s)
    s = s.rstrip(";")
    # pgBadger drops a leading BEGIN of a simple-protocol string holding several statements.
    if s.startswith("begin;") and len(s) > 6:
        s = s[6:]
    return s


def main() -> None:
    dbarch = json.load(open(sys.argv[1]))
    badger = json.load(open(sys.argv[2]))
    badger_by_text = defaultdict(lambda: [0, 0.0])
    for _db, queries in badger.get("normalyzed_info", {}).items():
        for text, info in queries.items():
            entry = badger_by_text[fold(text)]
            entry[0] += int(info.get("count", 0))
            entry[1] += float(info.get("duration", 0) or 0)
    print(f"{'query (dbarch normalized)':<62} {'dbarch n':>9} {'pgBadger n':>10} {'dbarch ms':>12} {'pgBadger ms':>12}")
    for group in dbarch["top_queries"][:10]:
        text = group["normalized"] or group["example"]["text"]
        key = fold(text)
        count, total = badger_by_text.get(key, [None, None])
        short = " ".join(text.split())[:60]
        b_count = "-" if count is None else str(count)
        b_total = "-" if total is None else f"{total:.1f}"
        print(f"{short:<62} {group['count']:>9} {b_count:>10} {group['total_ms']:>12.1f} {b_total:>12}")
    print(f"\nall queries: dbarch {dbarch['queries']['executions']} executions, {dbarch['queries']['total_ms']:.1f} ms; "
          f"pgBadger {sum(v[0] for v in badger_by_text.values())} queries, "
          f"{sum(v[1] for v in badger_by_text.values()):.1f} ms")


if __name__ == "__main__":
    main()
