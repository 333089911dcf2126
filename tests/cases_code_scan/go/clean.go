package store

import "database/sql"

const usersTable = "users"
const MAX_ROWS = 100

func Safe(db *sql.DB, id string) (*sql.Rows, error) {
	return db.Query("SELECT * FROM users WHERE id = $1", id)
}

func Constants(db *sql.DB) (*sql.Rows, error) {
	// db.Query("SELECT * FROM users WHERE id = " + id)
	return db.Query("SELECT * FROM " + usersTable + " LIMIT " + strconv.Itoa(MAX_ROWS))
}

func Raw(db *sql.DB) (*sql.Rows, error) {
	return db.Query(`SELECT * FROM users
		WHERE name LIKE 'a%'`)
}
