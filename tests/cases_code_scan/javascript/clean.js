const TABLE = "users";

async function parameterized(pool, id) {
  return pool.query("SELECT * FROM users WHERE id = $1", [id]);
}

async function taggedTemplates(sql, prisma, id) {
  await sql`SELECT * FROM users WHERE id = ${id}`;
  await prisma.$queryRaw`SELECT * FROM "User" WHERE id = ${id}`;
  return pool.query(SQL`SELECT * FROM users WHERE id = ${id}`);
}

async function commented(pool, id) {
  // pool.query("SELECT * FROM users WHERE id = " + id);
  /* pool.query(`SELECT * FROM users WHERE id = ${id}`) */
  return pool.query("SELECT 1");
}

async function literals(pool) {
  await pool.query("SELECT * FROM " + TABLE);
  return pool.query("SELECT * FROM users " + "WHERE active");
}

function regexAndDivision(a, b) {
  const re = /'" + x/g;
  return a / b + re.source;
}

function notSql(logger, name) {
  logger.query("hello " + name);
}
