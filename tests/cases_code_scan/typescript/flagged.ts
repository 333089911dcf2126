import { Pool } from "pg";

export class UserRepository {
  constructor(private readonly pool: Pool) {}

  async find(id: string): Promise<unknown> {
    // expect: template literal => this.pool.query("SELECT * FROM users WHERE id = $1", [id])
    const result = await this.pool.query(`SELECT * FROM users WHERE id = ${id}`);
    return result.rows[0];
  }

  async byTenant(tenantId: number, status: string) {
    const query: string =
      "SELECT * FROM orders WHERE tenant_id = " + tenantId +
      " AND status = '" + status + "'";
    // expect: concatenation => this.pool.query("SELECT * FROM orders WHERE tenant_id = $1 AND status = $2", [tenantId, status])
    return this.pool.query(query);
  }

  async remove(ids: number[]) {
    // expect: template literal => this.pool.query("DELETE FROM sessions WHERE id = ANY($1)", [ids])
    await this.pool.query(`DELETE FROM sessions WHERE id IN (${ids.join(",")})`);
  }

  async insert(name: string, email: string) {
    // expect: template literal => this.pool.query("INSERT INTO users (name, email) VALUES ($1, $2)", [name, email])
    await this.pool.query(`INSERT INTO users (name, email) VALUES ('${name}', '${email}')`);
  }
}
