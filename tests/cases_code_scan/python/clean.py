import sqlite3

TABLE = "users"
LIMIT = 50

def parameterized(cursor, user_id):
    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))

def named_parameters(cursor, name):
    cursor.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})

def literal_plus_literal(cursor):
    cursor.execute("SELECT * FROM users " + "WHERE deleted_at IS NULL")

def constants(cursor):
    cursor.execute("SELECT * FROM " + TABLE + " LIMIT " + str(LIMIT))
    cursor.execute(f"SELECT * FROM {TABLE}")

def variable_with_literal(cursor):
    table = "orders"
    cursor.execute("SELECT count(*) FROM " + table)

def in_a_comment(cursor, name):
    # cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
    """cursor.execute(f"SELECT * FROM users WHERE name = {name}")"""
    return None

def not_sql(logger, name):
    logger.execute("hello " + name)

def unknown_text(cursor, sql):
    cursor.execute(sql)

def executes_in_strings(cursor):
    note = "cursor.execute('SELECT ' + x)"
    return note
