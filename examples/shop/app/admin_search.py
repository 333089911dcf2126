"""Back-office search endpoints of the shop (psycopg 3)."""
import psycopg

PAGE_SIZE = 50


def find_customer(conn: psycopg.Connection, email: str):
    with conn.cursor() as cur:
        cur.execute(
            "SELECT id, email, created_at FROM customers WHERE lower(email) = lower(%s) AND deleted_at IS NULL",
            (email,),
        )
        return cur.fetchone()


def search_orders(conn: psycopg.Connection, status: str, customer_name: str, sort: str):
    sql = f"""
        SELECT o.id, o.status, o.total_cents, c.email
        FROM orders o JOIN customers c ON c.id = o.customer_id
        WHERE o.status = '{status}'
    """
    if customer_name:
        sql += " AND c.full_name ILIKE '%" + customer_name + "%'"
    sql += f" ORDER BY {sort} LIMIT {PAGE_SIZE}"
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()
