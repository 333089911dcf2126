// A libpq connection with the safety settings dbarch always uses: a live database is read-only unless the
// caller asks otherwise, every statement has a timeout, every lock wait has a timeout, the session is named
// "dbarch" in pg_stat_activity, and no password ever appears in a message (RedactConninfo).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/status.h"

struct pg_conn;
struct pg_result;

namespace dbarch::verify {

struct ConnectOptions {
  // A URL (postgresql://user@host:5432/db?sslmode=…) or key=value conninfo. Empty: libpq reads the PG*
  // environment variables (PGHOST, PGDATABASE, PGUSER, PGPASSWORD, …) and ~/.pgpass.
  std::string conninfo;
  bool read_only = true;              // SET default_transaction_read_only = on
  int statement_timeout_ms = 30000;   // 0 = none
  int lock_timeout_ms = 2000;         // 0 = none
  int connect_timeout_s = 10;
  std::string application_name = "dbarch";
};

// The conninfo with any password replaced by "***" (URL userinfo, ?password=, key=value password=).
std::string RedactConninfo(std::string_view conninfo);

// A query result. Values are text (libpq's text format); NULL is distinct from "".
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* result);
  int rows() const;
  int columns() const;
  // Column number by name, or -1.
  int ColumnIndex(std::string_view name) const;
  bool IsNull(int row, int column) const;
  std::string_view Get(int row, int column) const;      // "" for NULL
  std::string Get(int row, std::string_view column) const;
  std::optional<std::string> GetOptional(int row, std::string_view column) const;
  long long GetInt(int row, std::string_view column, long long if_null = 0) const;
  double GetDouble(int row, std::string_view column, double if_null = 0) const;
  bool GetBool(int row, std::string_view column) const;  // PostgreSQL's "t"/"f"
  // PostgreSQL text arrays ({a,"b c",NULL}) split into elements; NULL elements become "".
  std::vector<std::string> GetArray(int row, std::string_view column) const;
  pg_result* raw_for_status() const { return result_.get(); }

 private:
  std::shared_ptr<pg_result> result_;
};

// Splits a PostgreSQL array literal ({a,"b,c",NULL}) into its elements.
std::vector<std::string> ParseTextArray(std::string_view literal);

class PgConnection {
 public:
  // Connects and applies the session settings. Errors are kUnavailable and never contain the password.
  static Result<PgConnection> Connect(const ConnectOptions& options);

  PgConnection() = default;
  PgConnection(PgConnection&&) noexcept = default;
  PgConnection& operator=(PgConnection&&) noexcept = default;
  ~PgConnection();

  bool connected() const { return conn_ != nullptr; }

  // Runs SQL with the simple protocol (several statements allowed; the last result is returned).
  // A server error becomes kInvalidInput with PostgreSQL's message; sql_state() then holds its SQLSTATE.
  Result<PgResult> Query(std::string_view sql);
  // Runs one statement with $1… parameters, sent as text (nullopt = NULL).
  Result<PgResult> QueryParams(std::string_view sql, const std::vector<std::optional<std::string>>& params);
  // Runs SQL and discards the result.
  Status Execute(std::string_view sql);

  // COPY … FROM STDIN: next_chunk fills *chunk with the next piece of COPY text data and returns false at
  // the end. Returns the number of rows copied.
  Result<long long> CopyIn(std::string_view copy_sql, const std::function<bool(std::string* chunk)>& next_chunk);

  // SQLSTATE of the last failed command ("" if it succeeded), e.g. "42501" insufficient_privilege.
  const std::string& sql_state() const { return sql_state_; }
  // Inside a transaction block (BEGIN issued, not yet committed or rolled back), where one failed statement
  // aborts the rest: callers that expect a statement may fail wrap it in a savepoint then.
  bool InTransaction() const;
  int server_version() const;  // e.g. 150018
  // "user@host:port/dbname" (socket directory for unix sockets), for messages. Never the password.
  std::string Describe() const;
  // Asks the server to cancel the running command (safe to call from another thread).
  void Cancel();
  // Quotes a string literal / identifier for this connection's encoding.
  std::string QuoteLiteral(std::string_view value) const;
  std::string QuoteIdentifier(std::string_view value) const;

  pg_conn* raw() { return conn_.get(); }

 private:
  struct Closer {
    void operator()(pg_conn* conn) const;
  };
  std::unique_ptr<pg_conn, Closer> conn_;
  std::string sql_state_;
  std::string redacted_conninfo_;
};

}  // namespace dbarch::verify
