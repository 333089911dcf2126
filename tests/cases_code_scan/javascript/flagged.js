const { Pool } = require("pg");
const pool = new Pool();

async function byId(id) {
  // expect: template literal => pool.query("SELECT * FROM users WHERE id = $1", [id])
  return pool.query(`SELECT * FROM users WHERE id = ${id}`);
}

async function byEmail(req) {
  // expect: concatenation => pool.query("SELECT id FROM users WHERE email = $1", [req.body.email])
  const { rows } = await pool.query("SELECT id FROM users WHERE email = '" + req.body.email + "'");
  return rows;
}

async function search(client, term, limit) {
  let sql = "SELECT * FROM products WHERE title ILIKE '%" + term + "%'";
  sql += " LIMIT " + limit;
  // expect: concatenation => client.query("SELECT * FROM products WHERE title ILIKE $1 LIMIT $2", ["%" + term + "%", limit], onResult)
  // expect-via: sql
  client.query(sql, onResult);
}

async function updateName(db, user) {
  // expect: template literal => db.query("UPDATE users SET name = $1 WHERE id = $2", [user.name, user.id])
  await db.query(`UPDATE users SET name = '${user.name}' WHERE id = ${user.id}`);
}

function knexRaw(knex, status) {
  // expect: template literal => knex.raw("select * from orders where status = ?", [status])
  return knex.raw(`select * from orders where status = '${status}'`);
}

async function prismaUnsafe(prisma, email) {
  // expect: template literal => prisma.$queryRawUnsafe("SELECT * FROM \"User\" WHERE email = $1", email)
  return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`);
}

async function sorted(pool, column) {
  // expect: concatenation => pool.query("SELECT * FROM users ORDER BY " + column)
  // expect-note: `column` is spliced where SQL takes an identifier
  return pool.query("SELECT * FROM users ORDER BY " + column);
}
