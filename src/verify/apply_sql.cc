#include "verify/apply_sql.h"

#include <libpq-fe.h>

#include <memory>

#include <fmt/format.h>

namespace dbarch::verify {
namespace {

// Byte offset of PostgreSQL's 1-based character position within `text` (UTF-8).
std::size_t CharacterToByte(std::string_view text, long position) {
  if (position <= 1) return 0;
  long chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++chars == position) return i;
  }
  return text.size();
}

std::string Field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

bool IsCopyFromStdin(const sql::Statement& statement) {
  if (!statement.node.has_copy_stmt()) return false;
  const auto& copy = statement.node.copy_stmt();
  return copy.is_from() && copy.filename().empty() && !copy.is_program();
}

// One statement, with an error located in the file.
Status Execute(PgConnection& connection, const sql::SourceText& source, const sql::Statement& statement) {
  pg_conn* conn = connection.raw();
  if (conn == nullptr) return Status::Internal("ApplyParsedFile on a closed connection");
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(conn, statement.text.c_str()), PQclear);
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return Status::Ok();
  if (status == PGRES_COPY_IN) {  // COPY FROM STDIN reached the server after all: end it without data
    PQputCopyEnd(conn, "dbarch does not send COPY data");
    while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
    return Status::Ok();
  }
  if (PQstatus(conn) == CONNECTION_BAD) {
    return Status::Unavailable(fmt::format("{}: connection to PostgreSQL lost: {}", statement.location.ToString(),
                                           PQerrorMessage(conn)));
  }
  std::string message = Field(result.get(), PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) {
    message = result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  }
  if (std::string detail = Field(result.get(), PG_DIAG_MESSAGE_DETAIL); !detail.empty()) message += "\nDETAIL: " + detail;
  if (std::string hint = Field(result.get(), PG_DIAG_MESSAGE_HINT); !hint.empty()) message += "\nHINT: " + hint;
  std::size_t offset = statement.location.byte_offset;
  if (std::string position = Field(result.get(), PG_DIAG_STATEMENT_POSITION); !position.empty()) {
    offset += CharacterToByte(statement.text, std::strtol(position.c_str(), nullptr, 10));
  }
  return Status::InvalidInput(source.FormatError(offset, message), source.Locate(offset));
}

}  // namespace

Status ApplyParsedFile(PgConnection& connection, const sql::ParsedFile& file, std::vector<std::string>* notes) {
  if (notes) {
    for (const auto& meta : file.meta_commands) {
      notes->push_back(fmt::format("{}: psql meta-command \\{} not run", meta.location.ToString(), meta.command));
    }
  }
  for (const auto& statement : file.statements) {
    if (IsCopyFromStdin(statement)) {
      if (notes) notes->push_back(fmt::format("{}: COPY … FROM stdin skipped (data is not loaded)",
                                              statement.location.ToString()));
      continue;
    }
    DBARCH_RETURN_IF_ERROR(Execute(connection, *file.source, statement));
  }
  return Status::Ok();
}

Status ApplyScript(PgConnection& connection, std::string_view sql, std::string name, std::vector<std::string>* notes) {
  auto parsed = sql::ParseString(std::move(name), std::string(sql));
  if (!parsed.ok()) return parsed.status();
  return ApplyParsedFile(connection, *parsed, notes);
}

}  // namespace dbarch::verify
