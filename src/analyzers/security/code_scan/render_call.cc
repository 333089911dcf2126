// The parameterized call in each driver's convention, and the placeholder style that convention uses.
#include <fmt/format.h>

#include "analyzers/security/code_scan/scan_internal.h"

namespace dbarch::analyzers::security::code_scan {
namespace {

std::string Join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }

std::string LowerCopy(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The call's arguments before and after the SQL argument, as written.
void OtherArguments(const QueryCall& call, const StringEvaluator& evaluator, std::size_t sql_index,
                    std::vector<std::string>* before, std::vector<std::string>* after) {
  for (std::size_t i = 0; i < call.arguments.size(); ++i) {
    if (i == sql_index) continue;
    (i < sql_index ? before : after)->push_back(evaluator.Text(call.arguments[i].first, call.arguments[i].second));
  }
}

std::string IdentifierAdvice(Language language) {
  switch (language) {
    case Language::kPython: return "psycopg.sql.Identifier";
    case Language::kGo: return "pgx.Identifier{…}.Sanitize()";
    case Language::kJavaScript: return "pg's client.escapeIdentifier / pg-format's %I";
    case Language::kRuby: return "connection.quote_column_name / PG::Connection.quote_ident";
    case Language::kPhp: return "pg_escape_identifier";
    case Language::kJava: return "an enum of the allowed names";
  }
  return "";
}

}  // namespace

Placeholder PlaceholderFor(Language language, const QueryCall& call, std::string_view source) {
  const std::string& m = call.method;
  switch (language) {
    case Language::kPython:
      if (m == "text") return Placeholder::kNamed;
      if (m == "fetch" || m == "fetchrow" || m == "fetchval") return Placeholder::kDollar;  // asyncpg
      if (Contains(source, "import sqlite3") || Contains(source, "from sqlite3")) return Placeholder::kQuestion;
      return Placeholder::kPercentS;
    case Language::kJavaScript:
      if (m == "raw" || m == "whereRaw" || m == "orderByRaw") return Placeholder::kQuestion;  // knex
      if (Contains(source, "mysql") || Contains(source, "sqlite")) return Placeholder::kQuestion;
      return Placeholder::kDollar;
    case Language::kGo:
      if (m == "Raw" || Contains(source, "gorm.io") || Contains(source, "go-sql-driver/mysql") ||
          Contains(source, "mattn/go-sqlite3")) {
        return Placeholder::kQuestion;
      }
      return Placeholder::kDollar;
    case Language::kJava:
      return m == "createQuery" || m == "createNativeQuery" ? Placeholder::kQuestionNumbered : Placeholder::kQuestion;
    case Language::kRuby:
      if (m == "exec" || m == "async_exec" || m == "execute" || m == "query" || m == "exec_query" ||
          m.rfind("select_", 0) == 0) {
        return Placeholder::kDollar;
      }
      return Placeholder::kQuestion;
    case Language::kPhp:
      return m == "pg_query" || m == "pg_send_query" || m == "pg_prepare" ? Placeholder::kDollar : Placeholder::kQuestion;
  }
  return Placeholder::kQuestion;
}

RenderedCall RenderParameterizedCall(Language language, const QueryCall& call, const StringEvaluator& evaluator,
                                     const ParameterizedSql& sql, std::string_view source_imports) {
  const std::size_t sql_index = std::min(call.rules->sql_argument, call.arguments.size() - 1);
  std::vector<std::string> before, after;
  OtherArguments(call, evaluator, sql_index, &before, &after);
  const std::string& recv = call.receiver;
  const std::string& sep = call.separator;
  const std::string& m = call.method;
  const std::string values = Join(sql.values);
  const bool has_values = !sql.values.empty();
  RenderedCall out;
  auto with = [](std::vector<std::string> list, const std::vector<std::string>& more) {
    list.insert(list.end(), more.begin(), more.end());
    return Join(list);
  };
  switch (language) {
    case Language::kPython: {
      if (m == "text") {
        std::vector<std::string> binds;
        for (std::size_t i = 0; i < sql.values.size(); ++i) binds.push_back(sql.names[i] + "=" + sql.values[i]);
        out.code = fmt::format("text({}){}", sql.host_sql, has_values ? ".bindparams(" + Join(binds) + ")" : "");
      } else if (m == "fetch" || m == "fetchrow" || m == "fetchval") {
        out.code = fmt::format("{}{}{}({})", recv, sep, m, with({sql.host_sql}, sql.values));
      } else {
        const std::string method = m == "executescript" || m == "executemany" ? "execute" : m;
        if (m == "executescript") out.note = "executescript takes no parameters: run the statement with execute";
        const std::string params = m == "raw" ? "[" + values + "]"
                                   : sql.values.size() == 1 ? "(" + values + ",)" : "(" + values + ")";
        out.code = fmt::format("{}{}{}({})", recv, sep, method, with({sql.host_sql}, has_values ? std::vector<std::string>{params} : std::vector<std::string>{}));
      }
      break;
    }
    case Language::kJavaScript: {
      if (m == "$queryRawUnsafe" || m == "$executeRawUnsafe") {
        out.code = fmt::format("{}{}{}({})", recv, sep, m, with({sql.host_sql}, sql.values));
      } else if (m == "query" && Contains(LowerCopy(recv), "sequelize")) {
        out.code = fmt::format("{}{}query({}, {{ bind: [{}] }})", recv, sep, sql.host_sql, values);
      } else if (m == "unsafe") {
        out.code = fmt::format("{}{}unsafe({}, [{}])", recv, sep, sql.host_sql, values);
      } else {
        std::vector<std::string> args = before;
        args.push_back(sql.host_sql);
        if (has_values) args.push_back("[" + values + "]");
        out.code = fmt::format("{}{}{}({})", recv, sep.empty() ? "" : sep, m, with(args, after));
      }
      break;
    }
    case Language::kGo: {
      std::vector<std::string> args = before;
      args.push_back(sql.host_sql);
      out.code = fmt::format("{}{}{}({})", recv, sep, m, with(args, sql.values));
      break;
    }
    case Language::kJava: {
      if (m == "createQuery" || m == "createNativeQuery") {
        std::string code = fmt::format("{}{}{}({})", recv, sep, m, sql.host_sql);
        for (std::size_t i = 0; i < sql.values.size(); ++i) code += fmt::format(".setParameter({}, {})", i + 1, sql.values[i]);
        out.code = code;
      } else if (m == "prepareStatement" || m == "prepareCall") {
        std::string code = fmt::format("PreparedStatement ps = {}{}{}({});", recv, sep, m, sql.host_sql);
        for (std::size_t i = 0; i < sql.values.size(); ++i) code += fmt::format(" ps.setObject({}, {});", i + 1, sql.values[i]);
        out.code = code;
      } else if (m.rfind("execute", 0) == 0 || m == "addBatch") {
        std::string code = fmt::format("PreparedStatement ps = connection.prepareStatement({});", sql.host_sql);
        for (std::size_t i = 0; i < sql.values.size(); ++i) code += fmt::format(" ps.setObject({}, {});", i + 1, sql.values[i]);
        code += fmt::format(" ps.{}();", m == "execute" ? "execute" : m);
        out.code = code;
      } else {  // JdbcTemplate: the values follow the other arguments
        std::vector<std::string> args = {sql.host_sql};
        args.insert(args.end(), after.begin(), after.end());
        out.code = fmt::format("{}{}{}({})", recv, sep, m, with(args, sql.values));
      }
      break;
    }
    case Language::kRuby: {
      if (m == "exec" || m == "async_exec" || m == "execute" || m == "query") {
        const bool active_record = Contains(recv, "connection") || recv.empty();
        out.code = active_record
                       ? fmt::format("{}{}exec_query({}, \"SQL\", [{}])", recv, sep, sql.host_sql, values)
                       : fmt::format("{}{}exec_params({}, [{}])", recv, sep, sql.host_sql, values);
      } else if (m == "exec_query" || m.rfind("select_", 0) == 0) {
        out.code = fmt::format("{}{}{}({}, \"SQL\", [{}])", recv, sep, m, sql.host_sql, values);
      } else if (m == "find_by_sql") {
        out.code = fmt::format("{}{}find_by_sql([{}])", recv, sep, with({sql.host_sql}, sql.values));
      } else if (m == "order" || m == "pluck" || m == "select" || m == "joins" || m == "from") {
        out.code = has_values ? fmt::format("{}{}{}(Arel.sql(ActiveRecord::Base.sanitize_sql_array([{}])))", recv, sep, m,
                                            with({sql.host_sql}, sql.values))
                              : fmt::format("{}{}{}({})", recv, sep, m, sql.host_sql);
      } else {  // where, having
        out.code = fmt::format("{}{}{}({})", recv, sep, m, with({sql.host_sql}, sql.values));
      }
      break;
    }
    case Language::kPhp: {
      if (m == "pg_query" || m == "pg_send_query") {
        std::vector<std::string> args = before;
        args.push_back(sql.host_sql);
        args.push_back("[" + values + "]");
        out.code = fmt::format("{}({})", m == "pg_query" ? "pg_query_params" : "pg_send_query_params", Join(args));
      } else if (m == "mysqli_query" || m == "mysqli_real_query" || m == "mysqli_prepare") {
        const std::string connection = before.empty() ? "$mysqli" : before.front();
        out.code = fmt::format("$stmt = mysqli_prepare({}, {}); mysqli_stmt_execute($stmt, [{}]);", connection, sql.host_sql, values);
      } else if (sep == "::" || call.rules->receiver_hint == "db") {
        out.code = fmt::format("{}{}{}({}, [{}])", recv, sep, m, sql.host_sql, values);
      } else if (m == "raw") {
        out.code = fmt::format("->selectRaw({}, [{}])", sql.host_sql, values);
        out.note = "DB::raw takes no bindings: use selectRaw/whereRaw/orderByRaw with a bindings array";
      } else if (call.rules->fragment.empty()) {  // PDO, mysqli
        out.code = fmt::format("$stmt = {}{}prepare({}); $stmt->execute([{}]);", recv, sep, sql.host_sql, values);
      } else {
        out.code = fmt::format("{}{}{}({}, [{}])", recv, sep, m, sql.host_sql, values);
      }
      break;
    }
  }
  // Drivers that send a host-language list as a PostgreSQL array by themselves: psycopg, asyncpg, node-postgres,
  // pgx. The others need the array built explicitly.
  if (!sql.arrays.empty()) {
    std::string how;
    switch (language) {
      case Language::kGo:
        if (Contains(source_imports, "github.com/lib/pq")) how = "with lib/pq wrap the list: pq.Array(" + sql.arrays.front() + ")";
        break;
      case Language::kJava: how = "pass the list as an SQL array: connection.createArrayOf(\"text\", list.toArray())"; break;
      case Language::kRuby: how = "pass the list as an array literal: PG::TextEncoder::Array.new.encode(" + sql.arrays.front() + ")"; break;
      case Language::kPhp: how = "pass the list as an array literal: '{' . implode(',', " + sql.arrays.front() + ") . '}'"; break;
      default: break;
    }
    if (!how.empty()) out.note = out.note.empty() ? how : out.note + "; " + how;
  }
  if (!sql.identifiers.empty()) {
    std::string identifiers;
    for (const auto& id : sql.identifiers) identifiers += (identifiers.empty() ? "`" : ", `") + id + "`";
    std::string note = fmt::format(
        "{} {} spliced where SQL takes an identifier (a table, column or sort direction), which cannot be a "
        "parameter: check it against an allowed list of names, or quote it with {}",
        identifiers, sql.identifiers.size() == 1 ? "is" : "are", IdentifierAdvice(language));
    out.note = out.note.empty() ? note : out.note + "; " + note;
  }
  return out;
}

}  // namespace dbarch::analyzers::security::code_scan
