#!/usr/bin/env python3
"""Write a TPC-H workload file: the 22 query templates of queries/ with their substitution parameters filled in.

    qgen.py [--seed N] [--sf SF] [--validation] [--exclude 2,17,20] OUT.sql

Parameters follow the rules of TPC-H's qgen (specification v3, clause 2.4.x.3): random within the spec's
ranges, deterministic from --seed (each query has its own random stream, so excluding one query leaves the
others' parameters unchanged). --validation uses the spec's validation values (clause 2.4.x.4) instead.
--sf only matters for Q11, whose FRACTION is 0.0001 / SF. OUT.sql "-" writes to standard output.

Each query is written as `-- name: Q<n>` on its own line, then the statement ending in `;`.
Python 3 standard library only.
"""

import argparse
import datetime
import os
import random
import re
import sys

REGIONS = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"]
# (name, regionkey) in nationkey order, clause 4.2.3.
NATIONS = [("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0),
           ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4),
           ("JAPAN", 2), ("JORDAN", 4), ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1),
           ("CHINA", 2), ("ROMANIA", 3), ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3),
           ("UNITED KINGDOM", 3), ("UNITED STATES", 1)]
TYPE_S1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"]
TYPE_S2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"]
TYPE_S3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"]
CONTAINER_S1 = ["SM", "LG", "MED", "JUMBO", "WRAP"]
CONTAINER_S2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"]
SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"]
SHIPMODES = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"]
COLORS = ["almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
          "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower",
          "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest",
          "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory",
          "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium",
          "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid",
          "pale", "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy",
          "royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring",
          "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow"]
Q13_WORD1 = ["special", "pending", "unusual", "express"]
Q13_WORD2 = ["packages", "requests", "accounts", "deposits"]


def month_start(index):
    """First day of the month `index` months after January 1993."""
    return "%04d-%02d-01" % (1993 + index // 12, index % 12 + 1)


def year_start(rng):
    return "%d-01-01" % rng.randint(1993, 1997)


def brand(rng):
    return "Brand#%d%d" % (rng.randint(1, 5), rng.randint(1, 5))


def fraction(sf):
    return "%.10f" % (0.0001 / sf)


def random_params(q, rng, sf):
    """The substitution parameters :1, :2, ... of query q, as qgen draws them."""
    if q == 1:
        return [rng.randint(60, 120)]
    if q == 2:
        return [rng.randint(1, 50), rng.choice(TYPE_S3), rng.choice(REGIONS)]
    if q == 3:
        day = datetime.date(1995, 3, 1) + datetime.timedelta(days=rng.randint(0, 30))
        return [rng.choice(SEGMENTS), day.isoformat()]
    if q == 4:
        return [month_start(rng.randint(0, 57))]                # 1993-01 .. 1997-10
    if q == 5:
        return [rng.choice(REGIONS), year_start(rng)]
    if q == 6:
        return [year_start(rng), "0.0%d" % rng.randint(2, 9), rng.randint(24, 25)]
    if q == 7:
        n1, n2 = rng.sample(range(len(NATIONS)), 2)
        return [NATIONS[n1][0], NATIONS[n2][0]]
    if q == 8:
        name, region = rng.choice(NATIONS)
        ptype = " ".join([rng.choice(TYPE_S1), rng.choice(TYPE_S2), rng.choice(TYPE_S3)])
        return [name, REGIONS[region], ptype]
    if q == 9:
        return [rng.choice(COLORS)]
    if q == 10:
        return [month_start(rng.randint(1, 24))]                # 1993-02 .. 1995-01
    if q == 11:
        return [rng.choice(NATIONS)[0], fraction(sf)]
    if q == 12:
        m1, m2 = rng.sample(SHIPMODES, 2)
        return [m1, m2, year_start(rng)]
    if q == 13:
        return [rng.choice(Q13_WORD1), rng.choice(Q13_WORD2)]
    if q == 14:
        return [month_start(rng.randint(0, 59))]                # 1993-01 .. 1997-12
    if q == 15:
        return [month_start(rng.randint(0, 57))]                # 1993-01 .. 1997-10
    if q == 16:
        ptype = rng.choice(TYPE_S1) + " " + rng.choice(TYPE_S2)
        return [brand(rng), ptype] + rng.sample(range(1, 51), 8)
    if q == 17:
        return [brand(rng), rng.choice(CONTAINER_S1) + " " + rng.choice(CONTAINER_S2)]
    if q == 18:
        return [rng.randint(312, 315)]
    if q == 19:
        return [brand(rng), brand(rng), brand(rng), rng.randint(1, 10), rng.randint(10, 20), rng.randint(20, 30)]
    if q == 20:
        return [rng.choice(COLORS), year_start(rng), rng.choice(NATIONS)[0]]
    if q == 21:
        return [rng.choice(NATIONS)[0]]
    if q == 22:
        return rng.sample(range(10, 35), 7)
    raise ValueError("no query %d" % q)


def validation_params(q, sf):
    """The spec's validation parameter values (clause 2.4.x.4)."""
    table = {
        1: [90],
        2: [15, "BRASS", "EUROPE"],
        3: ["BUILDING", "1995-03-15"],
        4: ["1993-07-01"],
        5: ["ASIA", "1994-01-01"],
        6: ["1994-01-01", "0.06", 24],
        7: ["FRANCE", "GERMANY"],
        8: ["BRAZIL", "AMERICA", "ECONOMY ANODIZED STEEL"],
        9: ["green"],
        10: ["1993-10-01"],
        11: ["GERMANY", fraction(sf)],
        12: ["MAIL", "SHIP", "1994-01-01"],
        13: ["special", "requests"],
        14: ["1995-09-01"],
        15: ["1996-01-01"],
        16: ["Brand#45", "MEDIUM POLISHED", 49, 14, 23, 45, 19, 3, 36, 9],
        17: ["Brand#23", "MED BOX"],
        18: [300],
        19: ["Brand#12", "Brand#23", "Brand#34", 1, 10, 20],
        20: ["forest", "1994-01-01", "CANADA"],
        21: ["SAUDI ARABIA"],
        22: [13, 31, 23, 29, 30, 18, 17],
    }
    return table[q]


PLACEHOLDER = re.compile(r"(?<![:\w]):(\d+)")


def substitute(template, params):
    def repl(match):
        n = int(match.group(1))
        if n < 1 or n > len(params):
            raise ValueError("template uses :%d but only %d parameters exist" % (n, len(params)))
        return str(params[n - 1])
    return PLACEHOLDER.sub(repl, template)


def load_template(path):
    """The template's statement: its leading comment lines and the trailing ';' removed."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("--")):
        lines.pop(0)
    text = "\n".join(lines).rstrip()
    if text.endswith(";"):
        text = text[:-1].rstrip()
    return text


def parse_query_list(text):
    out = set()
    for part in text.split(","):
        part = part.strip().upper().lstrip("Q")
        if not part:
            continue
        n = int(part)
        if not 1 <= n <= 22:
            raise argparse.ArgumentTypeError("no TPC-H query %d" % n)
        out.add(n)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the 22 TPC-H queries with qgen-style parameters.")
    ap.add_argument("out", metavar="OUT.sql", help='output file ("-" for standard output)')
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--sf", type=float, default=1.0, help="scale factor, for Q11's FRACTION (default 1)")
    ap.add_argument("--validation", action="store_true", help="use the spec's validation parameters")
    ap.add_argument("--exclude", type=parse_query_list, default=set(), help="queries to leave out, e.g. 2,17,20")
    ap.add_argument("--queries", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries"),
                    help="folder with q01.sql .. q22.sql (default: queries/ beside this script)")
    args = ap.parse_args(argv)
    if args.sf <= 0:
        ap.error("--sf must be positive")

    mode = "validation parameters" if args.validation else "seed %d" % args.seed
    parts = ["-- TPC-H workload written by qgen.py (%s, sf %g).\n" % (mode, args.sf)]
    for q in range(1, 23):
        if q in args.exclude:
            continue
        template = load_template(os.path.join(args.queries, "q%02d.sql" % q))
        if args.validation:
            params = validation_params(q, args.sf)
        else:
            params = random_params(q, random.Random("tpch-qgen-%d-q%d" % (args.seed, q)), args.sf)
        parts.append("-- name: Q%d\n%s;\n" % (q, substitute(template, params)))
    text = "\n".join(parts)

    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
