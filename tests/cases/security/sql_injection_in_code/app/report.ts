export async function top(pool: any, sortColumn: string, limit: number) {
  const sql = `SELECT handle FROM accounts ORDER BY ${sortColumn} LIMIT ${limit}`;
  return pool.query(sql);
}
