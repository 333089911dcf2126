package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/lib/pq"
)

func ByID(db *sql.DB, id string) (*sql.Rows, error) {
	// expect: concatenation => db.Query("SELECT * FROM users WHERE id = $1", id)
	return db.Query("SELECT * FROM users WHERE id = " + id)
}

func ByEmail(ctx context.Context, db *sql.DB, email string) *sql.Row {
	query := fmt.Sprintf("SELECT id FROM users WHERE email = '%s'", email)
	// expect: fmt.Sprintf => db.QueryRowContext(ctx, "SELECT id FROM users WHERE email = $1", email)
	// expect-via: query
	return db.QueryRowContext(ctx, query)
}

func Archive(db *sql.DB, days int, status string) error {
	// expect: fmt.Sprintf => db.Exec("UPDATE orders SET archived = true WHERE age > $1 AND status = $2", days, status)
	_, err := db.Exec(fmt.Sprintf("UPDATE orders SET archived = true WHERE age > %d AND status = '%s'", days, status))
	return err
}

func Delete(db *sql.DB, ids []string) error {
	// expect: concatenation => db.Exec("DELETE FROM carts WHERE id = ANY($1)", ids)
	_, err := db.Exec("DELETE FROM carts WHERE id IN (" + strings.Join(ids, ",") + ")")
	return err
}

func Search(db *sql.DB, term string, limit int) (*sql.Rows, error) {
	var q string = `SELECT * FROM products
		WHERE title LIKE '%` + term + `%'`
	q += fmt.Sprintf(" LIMIT %d", limit)
	// expect: concatenation => db.Query("SELECT * FROM products WHERE title LIKE $1 LIMIT $2", "%" + term + "%", limit)
	return db.Query(q)
}

func Archived(db *sql.DB, ids []string) error {
	// expect: concatenation => db.Exec("UPDATE carts SET archived = true WHERE id = ANY($1)", ids)
	// expect-note: with lib/pq wrap the list: pq.Array(ids)
	_, err := db.Exec("UPDATE carts SET archived = true WHERE id IN ('" + strings.Join(ids, "','") + "')")
	return err
}
