// Runs SQL files against a PostgreSQL database, statement by statement and in order, with errors pointing
// at the file: a server error becomes Status::InvalidInput at the statement's file:line:col — or at the
// exact token when PostgreSQL reports a position (PG_DIAG_STATEMENT_POSITION) — carrying PostgreSQL's
// message, DETAIL and HINT. Used to build the scratch copy of a schema from DDL files or from the model.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"
#include "sql/parser.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

// Executes each statement of `file` in order. psql meta-commands (\connect, \i, …) are not run, and
// `COPY … FROM stdin` statements are skipped with their data (the parser already set the data aside); each
// skip adds a line to *notes. Stops at the first error. Statements run as psql runs them (autocommit unless
// the file has BEGIN/COMMIT), and settings the file changes (SET search_path …) stay on the connection.
Status ApplyParsedFile(PgConnection& connection, const sql::ParsedFile& file, std::vector<std::string>* notes = nullptr);

// Parses `sql` (named `name` in messages) and applies it as above.
Status ApplyScript(PgConnection& connection, std::string_view sql, std::string name,
                   std::vector<std::string>* notes = nullptr);

}  // namespace dbarch::verify
