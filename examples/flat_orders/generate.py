#!/usr/bin/env python3
"""Writes orders.csv: a flat order-lines export (one row per order line) with the customer's and the
product's data repeated on every line — the input of `dbarch design`. Deterministic (its own LCG, no
library randomness), so the file and the tests built on it never change:

    python3 examples/flat_orders/generate.py > examples/flat_orders/orders.csv

The dependencies it holds by construction: (order_id, line_no) is the key; order_id → order_date,
customer_id; customer_id → customer_name, customer_email, zip; zip → city (a transitive dependency);
product_sku → product_name, category, unit_price; quantity varies per line.
"""
import sys

state = 20240611


def rand(n):
    """0 … n-1 from a 31-bit linear congruential generator (glibc's constants)."""
    global state
    state = (1103515245 * state + 12345) % (1 << 31)
    return (state >> 8) % n


FIRST = ["Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "John", "Ken",
         "Leslie", "Margaret", "Niklaus", "Radia", "Tony", "Whitfield"]
LAST = ["Hopper", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Backus", "Thompson",
        "Lamport", "Hamilton", "Wirth", "Perlman", "Hoare", "Diffie", "Lovelace"]
ZIPS = [("75001", "Paris"), ("75011", "Paris"), ("75015", "Paris"), ("69001", "Lyon"), ("69007", "Lyon"),
        ("13001", "Marseille"), ("13008", "Marseille"), ("31000", "Toulouse"), ("33000", "Bordeaux"),
        ("59000", "Lille"), ("67000", "Strasbourg"), ("44000", "Nantes")]
PRODUCTS = [("KB-101", "Mechanical keyboard", "peripherals", "89.90"), ("MS-202", "Wireless mouse", "peripherals", "24.50"),
            ("MN-270", "27-inch monitor", "displays", "279.00"), ("MN-240", "24-inch monitor", "displays", "169.00"),
            ("HD-500", "USB-C hub", "accessories", "39.99"), ("CB-010", "HDMI cable, 2 m", "accessories", "9.90"),
            ("SS-1T", "1 TB SSD", "storage", "74.00"), ("SS-2T", "2 TB SSD", "storage", "129.00"),
            ("HS-300", "Headset", "audio", "59.00"), ("SP-120", "Desk speakers", "audio", "45.00"),
            ("WC-720", "Webcam 720p", "video", "29.00"), ("WC-108", "Webcam 1080p", "video", "49.00"),
            ("LP-STD", "Laptop stand", "accessories", "32.00"), ("DK-010", "Docking station", "accessories", "149.00"),
            ("PD-XL", "Desk pad XL", "accessories", "19.00"), ("CH-ERG", "Ergonomic chair", "furniture", "349.00"),
            ("DS-ADJ", "Standing desk", "furniture", "499.00"), ("LM-LED", "LED desk lamp", "furniture", "39.00"),
            ("RT-AX", "Wi-Fi router", "network", "119.00"), ("SW-8P", "8-port switch", "network", "35.00")]


def main():
    customers = []
    names = set()
    for cid in range(1, 41):
        while True:
            name = f"{FIRST[rand(len(FIRST))]} {LAST[rand(len(LAST))]}"
            if name not in names:
                break
        names.add(name)
        email = name.lower().replace(" ", ".") + "@example.com"
        zip_code, city = ZIPS[rand(len(ZIPS))]
        customers.append((cid, name, email, zip_code, city))
    out = sys.stdout
    out.write("order_id,line_no,order_date,customer_id,customer_name,customer_email,zip,city,"
              "product_sku,product_name,category,unit_price,quantity\n")
    for order_id in range(1001, 1121):
        customer = customers[rand(len(customers))]
        day = 1 + rand(28)
        month = 1 + rand(6)
        date = f"2024-{month:02d}-{day:02d}"
        lines = 1 + rand(4)
        skus = []
        while len(skus) < lines:
            p = PRODUCTS[rand(len(PRODUCTS))]
            if p not in skus:
                skus.append(p)
        for line_no, (sku, pname, category, price) in enumerate(skus, start=1):
            quantity = 1 + rand(5)
            quoted = f'"{pname}"' if "," in pname else pname
            out.write(f"{order_id},{line_no},{date},{customer[0]},{customer[1]},{customer[2]},{customer[3]},"
                      f"{customer[4]},{sku},{quoted},{category},{price},{quantity}\n")


if __name__ == "__main__":
    main()
