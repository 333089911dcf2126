import psycopg

def by_id(cursor, user_id):
    # expect: f-string => cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")

def by_name(cursor, name):
    # expect: concatenation => cursor.execute("SELECT id, email FROM users WHERE name = %s", (name,))
    cursor.execute("SELECT id, email FROM users WHERE name = '" + name + "'")

def search(cursor, term):
    # expect: % formatting => cursor.execute("SELECT * FROM products WHERE title LIKE %s", ("%" + term + "%",))
    cursor.execute("SELECT * FROM products WHERE title LIKE '%%%s%%'" % term)

def orders_of(cursor, customer, status):
    # expect: .format() => cursor.execute("SELECT * FROM orders WHERE customer_id = %s AND status = %s", (customer, status))
    cursor.execute("SELECT * FROM orders WHERE customer_id = {} AND status = '{}'".format(customer, status))

def filtered(cursor, request):
    sql = "SELECT * FROM orders WHERE 1 = 1"
    if request.get("status"):
        sql += " AND status = '" + request["status"] + "'"
    sql += " ORDER BY created_at DESC LIMIT " + str(request["limit"])
    # expect: concatenation => cursor.execute("SELECT * FROM orders WHERE 1 = 1 AND status = %s ORDER BY created_at DESC LIMIT %s", (request["status"], str(request["limit"])))
    # expect-via: sql
    cursor.execute(sql)

def in_list(cursor, ids):
    # expect: concatenation => cursor.execute("DELETE FROM carts WHERE id = ANY(%s)", (ids,))
    cursor.execute("DELETE FROM carts WHERE id IN (" + ",".join(str(i) for i in ids) + ")")

def sorted_users(cursor, column, direction):
    query = f"""
        SELECT id, name
        FROM users
        ORDER BY {column} {direction}
    """
    # expect: f-string => cursor.execute("SELECT id, name FROM users ORDER BY " + column + " " + direction)
    # expect-note: `column`, `direction` are spliced where SQL takes an identifier
    cursor.execute(query)

def named(cursor, city):
    # expect: % formatting => cursor.execute("SELECT * FROM stores WHERE city = %s", (params["city"],))
    cursor.execute("SELECT * FROM stores WHERE city = '%(city)s'" % {"city": params["city"]})

def with_sqlalchemy(session, email):
    # expect: f-string => text("SELECT * FROM users WHERE email = :email").bindparams(email=email)
    return session.execute(text(f"SELECT * FROM users WHERE email = '{email}'"))

def django(Person, last):
    # expect: concatenation => Person.objects.raw("SELECT * FROM myapp_person WHERE last_name = %s", [last])
    return Person.objects.raw("SELECT * FROM myapp_person WHERE last_name = '" + last + "'")

def percent_literal_kept(cursor, day):
    # expect: f-string => cursor.execute("SELECT * FROM logs WHERE message LIKE 'ERROR%%' AND day = %s", (day,))
    cursor.execute(f"SELECT * FROM logs WHERE message LIKE 'ERROR%' AND day = {day}")
