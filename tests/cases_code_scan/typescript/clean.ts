import postgres from "postgres";
const sql = postgres();

export async function find(id: string) {
  return sql`SELECT * FROM users WHERE id = ${id}`;
}

export async function safe(pool: any, id: number) {
  const text = "SELECT * FROM users WHERE id = $1";
  return pool.query(text, [id]);
}

export function typed<T>(pool: any, value: T): Promise<T> {
  // pool.query(`SELECT ${value}`)
  return pool.query<T>("SELECT now()");
}
