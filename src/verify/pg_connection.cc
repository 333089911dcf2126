#include "verify/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace dbarch::verify {
namespace {

// libpq messages end with a newline and may span lines ("DETAIL: …"); keep them but trim the end.
std::string TrimMessage(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Removes "password=…" (quoted or not) from a key=value conninfo.
std::string RedactKeyValue(std::string_view conninfo) {
  std::string out;
  size_t i = 0;
  while (i < conninfo.size()) {
    size_t key_start = i;
    while (i < conninfo.size() && conninfo[i] != '=' && conninfo[i] != ' ') ++i;
    std::string_view key = conninfo.substr(key_start, i - key_start);
    out.append(key);
    // Spaces around '=' are allowed by libpq.
    while (i < conninfo.size() && conninfo[i] == ' ') out.push_back(conninfo[i++]);
    if (i >= conninfo.size() || conninfo[i] != '=') continue;
    out.push_back(conninfo[i++]);
    while (i < conninfo.size() && conninfo[i] == ' ') out.push_back(conninfo[i++]);
    size_t value_start = i;
    if (i < conninfo.size() && conninfo[i] == '\'') {
      ++i;
      while (i < conninfo.size() && conninfo[i] != '\'') i += (conninfo[i] == '\\' && i + 1 < conninfo.size()) ? 2 : 1;
      if (i < conninfo.size()) ++i;
    } else {
      while (i < conninfo.size() && conninfo[i] != ' ') i += (conninfo[i] == '\\' && i + 1 < conninfo.size()) ? 2 : 1;
    }
    if (key == "password") {
      out.append("***");
    } else {
      out.append(conninfo.substr(value_start, i - value_start));
    }
    while (i < conninfo.size() && conninfo[i] == ' ') out.push_back(conninfo[i++]);
  }
  return out;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const size_t authority = scheme_end + 3;
    const size_t authority_end = out.find_first_of("/?", authority);
    const size_t at = out.rfind('@', authority_end == std::string::npos ? out.size() : authority_end);
    if (at != std::string::npos && at > authority) {
      const size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ?password=… or &password=…
  for (size_t pos = out.find("password="); pos != std::string::npos; pos = out.find("password=", pos + 1)) {
    if (pos > 0 && out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    const size_t value = pos + std::strlen("password=");
    const size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

bool IsUrl(std::string_view conninfo) {
  return conninfo.starts_with("postgresql://") || conninfo.starts_with("postgres://");
}

// Removes any occurrence of the password itself from a message (libpq does not print it, but a server
// error echoing a bad conninfo could).
std::string ScrubPassword(std::string message, const char* password) {
  if (password == nullptr || *password == '\0') return message;
  const std::string secret = password;
  for (size_t pos = message.find(secret); pos != std::string::npos; pos = message.find(secret, pos + 3)) {
    message.replace(pos, secret.size(), "***");
  }
  return message;
}

}  // namespace

std::string RedactConninfo(std::string_view conninfo) {
  return IsUrl(conninfo) ? RedactUrl(conninfo) : RedactKeyValue(conninfo);
}

// ---------------------------------------------------------------------------------------------------------
// PgResult

PgResult::PgResult(pg_result* result) : result_(result, PQclear) {}

int PgResult::rows() const { return result_ ? PQntuples(result_.get()) : 0; }
int PgResult::columns() const { return result_ ? PQnfields(result_.get()) : 0; }

int PgResult::ColumnIndex(std::string_view name) const {
  if (!result_) return -1;
  for (int i = 0; i < columns(); ++i) {
    if (name == PQfname(result_.get(), i)) return i;
  }
  return -1;
}

bool PgResult::IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view PgResult::Get(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

std::string PgResult::Get(int row, std::string_view column) const {
  const int index = ColumnIndex(column);
  if (index < 0) return "";
  return std::string(Get(row, index));
}

std::optional<std::string> PgResult::GetOptional(int row, std::string_view column) const {
  const int index = ColumnIndex(column);
  if (index < 0 || IsNull(row, index)) return std::nullopt;
  return std::string(Get(row, index));
}

long long PgResult::GetInt(int row, std::string_view column, long long if_null) const {
  const int index = ColumnIndex(column);
  if (index < 0 || IsNull(row, index)) return if_null;
  return std::strtoll(PQgetvalue(result_.get(), row, index), nullptr, 10);
}

double PgResult::GetDouble(int row, std::string_view column, double if_null) const {
  const int index = ColumnIndex(column);
  if (index < 0 || IsNull(row, index)) return if_null;
  return std::strtod(PQgetvalue(result_.get(), row, index), nullptr);
}

bool PgResult::GetBool(int row, std::string_view column) const {
  const int index = ColumnIndex(column);
  return index >= 0 && !IsNull(row, index) && Get(row, index) == "t";
}

std::vector<std::string> PgResult::GetArray(int row, std::string_view column) const {
  const int index = ColumnIndex(column);
  if (index < 0 || IsNull(row, index)) return {};
  return ParseTextArray(Get(row, index));
}

std::vector<std::string> ParseTextArray(std::string_view literal) {
  std::vector<std::string> elements;
  if (literal.size() < 2 || literal.front() != '{' || literal.back() != '}') return elements;
  literal = literal.substr(1, literal.size() - 2);
  if (literal.empty()) return elements;
  size_t i = 0;
  while (i <= literal.size()) {
    std::string element;
    bool quoted = false;
    if (i < literal.size() && literal[i] == '"') {
      quoted = true;
      ++i;
      while (i < literal.size() && literal[i] != '"') {
        if (literal[i] == '\\' && i + 1 < literal.size()) ++i;
        element.push_back(literal[i++]);
      }
      ++i;  // closing quote
    } else {
      while (i < literal.size() && literal[i] != ',') element.push_back(literal[i++]);
    }
    if (!quoted && element == "NULL") element.clear();
    elements.push_back(std::move(element));
    if (i >= literal.size()) break;
    ++i;  // comma
  }
  return elements;
}

// ---------------------------------------------------------------------------------------------------------
// PgConnection

void PgConnection::Closer::operator()(pg_conn* conn) const { PQfinish(conn); }

PgConnection::~PgConnection() = default;

Result<PgConnection> PgConnection::Connect(const ConnectOptions& options) {
  PgConnection connection;
  connection.redacted_conninfo_ = RedactConninfo(options.conninfo);
  // Settings go into the startup packet ("options"), so they hold from the first statement on and cannot be
  // forgotten by a later RESET ALL of a caller.
  std::string startup_options;
  if (options.read_only) startup_options += " -c default_transaction_read_only=on";
  if (options.statement_timeout_ms > 0) {
    startup_options += fmt::format(" -c statement_timeout={}", options.statement_timeout_ms);
  }
  if (options.lock_timeout_ms > 0) startup_options += fmt::format(" -c lock_timeout={}", options.lock_timeout_ms);
  const std::string connect_timeout = std::to_string(options.connect_timeout_s);
  // expand_dbname: "dbname" may carry a whole URL or conninfo; the keywords after it override what it sets.
  const char* keywords[] = {"dbname", "application_name", "connect_timeout", "options", nullptr};
  const char* values[] = {options.conninfo.empty() ? nullptr : options.conninfo.c_str(),
                          options.application_name.c_str(), connect_timeout.c_str(),
                          startup_options.empty() ? nullptr : startup_options.c_str(), nullptr};
  // Our "options" would replace one the user gave (in the conninfo or PGOPTIONS): keep theirs in front.
  if (!startup_options.empty()) {
    std::string user_options;
    if (!options.conninfo.empty()) {
      char* error = nullptr;
      if (PQconninfoOption* parsed = PQconninfoParse(options.conninfo.c_str(), &error)) {
        for (PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
          if (std::strcmp(option->keyword, "options") == 0 && option->val != nullptr) user_options = option->val;
        }
        PQconninfoFree(parsed);
      } else {
        std::string message = error == nullptr ? "invalid connection string" : TrimMessage(error);
        PQfreemem(error);
        return Status::InvalidInput(fmt::format("--db {}: {}", connection.redacted_conninfo_, message));
      }
    }
    if (user_options.empty()) {
      if (const char* env = std::getenv("PGOPTIONS")) user_options = env;
    }
    startup_options = user_options + startup_options;
    values[3] = startup_options.c_str();
  }
  pg_conn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  connection.conn_.reset(raw);
  if (raw == nullptr) return Status::Unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = ScrubPassword(TrimMessage(PQerrorMessage(raw)), PQpass(raw));
    const std::string target = options.conninfo.empty() ? std::string("(PG* environment)") : connection.redacted_conninfo_;
    return Status::Unavailable(fmt::format("cannot connect to PostgreSQL at {}: {}", target, message));
  }
  return connection;
}

namespace {

Status ResultStatus(pg_conn* conn, pg_result* result, std::string* sql_state) {
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN ||
      status == PGRES_EMPTY_QUERY) {
    sql_state->clear();
    return Status::Ok();
  }
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  *sql_state = state == nullptr ? "" : state;
  std::string message = TrimMessage(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (message.empty()) message = TrimMessage(PQerrorMessage(conn));
  message = ScrubPassword(std::move(message), PQpass(conn));
  if (PQstatus(conn) == CONNECTION_BAD) return Status::Unavailable("connection to PostgreSQL lost: " + message);
  return Status::InvalidInput(message);
}

}  // namespace

Result<PgResult> PgConnection::Query(std::string_view sql) {
  if (!conn_) return Status::Internal("query on a closed connection");
  const std::string text(sql);
  PgResult result(PQexec(conn_.get(), text.c_str()));
  DBARCH_RETURN_IF_ERROR(ResultStatus(conn_.get(), result.raw_for_status(), &sql_state_));
  return result;
}

Result<PgResult> PgConnection::QueryParams(std::string_view sql, const std::vector<std::optional<std::string>>& params) {
  if (!conn_) return Status::Internal("query on a closed connection");
  const std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  PgResult result(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0));
  DBARCH_RETURN_IF_ERROR(ResultStatus(conn_.get(), result.raw_for_status(), &sql_state_));
  return result;
}

Status PgConnection::Execute(std::string_view sql) {
  auto result = Query(sql);
  return result.ok() ? Status::Ok() : result.status();
}

Result<long long> PgConnection::CopyIn(std::string_view copy_sql,
                                       const std::function<bool(std::string* chunk)>& next_chunk) {
  if (!conn_) return Status::Internal("COPY on a closed connection");
  const std::string text(copy_sql);
  PgResult started(PQexec(conn_.get(), text.c_str()));
  DBARCH_RETURN_IF_ERROR(ResultStatus(conn_.get(), started.raw_for_status(), &sql_state_));
  if (PQresultStatus(started.raw_for_status()) != PGRES_COPY_IN) {
    return Status::Internal("CopyIn needs a COPY … FROM STDIN statement");
  }
  std::string chunk;
  std::string failure;
  while (true) {
    chunk.clear();
    const bool more = next_chunk(&chunk);
    if (!chunk.empty() && PQputCopyData(conn_.get(), chunk.data(), static_cast<int>(chunk.size())) != 1) {
      failure = TrimMessage(PQerrorMessage(conn_.get()));
      break;
    }
    if (!more) break;
  }
  if (PQputCopyEnd(conn_.get(), failure.empty() ? nullptr : failure.c_str()) != 1) {
    return Status::Unavailable("COPY failed: " + TrimMessage(PQerrorMessage(conn_.get())));
  }
  long long rows = 0;
  Status status;
  while (pg_result* raw = PQgetResult(conn_.get())) {
    PgResult result(raw);
    Status step = ResultStatus(conn_.get(), raw, &sql_state_);
    if (!step.ok() && status.ok()) status = step;
    if (step.ok()) {
      const char* tuples = PQcmdTuples(raw);
      if (tuples != nullptr && *tuples != '\0') rows = std::strtoll(tuples, nullptr, 10);
    }
  }
  if (!status.ok()) return status;
  if (!failure.empty()) return Status::Unavailable("COPY failed: " + failure);
  return rows;
}

int PgConnection::server_version() const { return conn_ ? PQserverVersion(conn_.get()) : 0; }

std::string PgConnection::Describe() const {
  if (!conn_) return "(not connected)";
  const char* host = PQhost(conn_.get());
  const char* port = PQport(conn_.get());
  const char* user = PQuser(conn_.get());
  const char* db = PQdb(conn_.get());
  return fmt::format("{}@{}:{}/{}", user ? user : "", host ? host : "", port ? port : "", db ? db : "");
}

void PgConnection::Cancel() {
  if (!conn_) return;
  PGcancel* cancel = PQgetCancel(conn_.get());
  if (cancel == nullptr) return;
  char error[256];
  PQcancel(cancel, error, sizeof(error));
  PQfreeCancel(cancel);
}

std::string PgConnection::QuoteLiteral(std::string_view value) const {
  char* quoted = PQescapeLiteral(conn_.get(), value.data(), value.size());
  if (quoted == nullptr) return "NULL";
  std::string out = quoted;
  PQfreemem(quoted);
  return out;
}

std::string PgConnection::QuoteIdentifier(std::string_view value) const {
  char* quoted = PQescapeIdentifier(conn_.get(), value.data(), value.size());
  if (quoted == nullptr) return "\"\"";
  std::string out = quoted;
  PQfreemem(quoted);
  return out;
}

bool PgConnection::InTransaction() const {
  return conn_ && PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
}

}  // namespace dbarch::verify
