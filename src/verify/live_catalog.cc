#include "verify/live_catalog.h"

#include <libpq-fe.h>

#include <charconv>

#include <fmt/format.h>

#include "verify/live_catalog/live_reader.h"

namespace dbarch::verify {
namespace live {

std::string SchemaFilter(std::string_view n) {
  return fmt::format(
      "{0}.nspname NOT IN ('pg_catalog', 'information_schema') AND {0}.nspname !~ '^pg_(toast|temp_)' AND "
      "(cardinality($1::text[]) = 0 OR {0}.nspname = ANY ($1::text[]))",
      n);
}

std::string NotExtensionMember(std::string_view catalog, std::string_view oid_expr) {
  return fmt::format(
      "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend ext WHERE ext.classid = 'pg_catalog.{}'::regclass "
      "AND ext.objid = {} AND ext.deptype = 'e')",
      catalog, oid_expr);
}

Oid ToOid(std::string_view text) {
  Oid value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

namespace {

// {"a","b"}: a text[] literal for the schema filter parameter.
std::string TextArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\"" : "\"";
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace

void LiveReader::Note(std::string note) {
  if (notes) notes->push_back(std::move(note));
}

std::optional<PgResult> LiveReader::Query(std::string_view what, const std::string& sql, bool uses_schema_filter) {
  if (!connection.Execute("SAVEPOINT dbarch_live_query").ok()) return std::nullopt;
  auto result = uses_schema_filter ? connection.QueryParams(sql, {TextArrayLiteral(options.schemas)})
                                   : connection.Query(sql);
  if (!result.ok()) {
    (void)connection.Execute("ROLLBACK TO SAVEPOINT dbarch_live_query");
    Note(fmt::format("could not read {}: {}", what, result.status().message()));
  }
  (void)connection.Execute("RELEASE SAVEPOINT dbarch_live_query");
  if (!result.ok()) return std::nullopt;
  return std::move(result).value();
}

model::TypeName LiveReader::TypeOf(Oid type, int declared_dims, const std::string& formatted) const {
  model::TypeName out;
  auto it = types.find(type);
  if (it == types.end()) {
    out.name = formatted;
    return out;
  }
  Oid base = type;
  if (it->second.array && it->second.element != 0) {
    base = it->second.element;
    out.array_dims = declared_dims > 0 ? declared_dims : 1;
  }
  auto b = types.find(base);
  out.name = b != types.end() ? b->second.name : it->second.name;
  out.is_user_type = b != types.end() && b->second.user;
  // Modifiers are what format_type() prints in parentheses: "numeric(10,2)", "timestamp(3) with time zone".
  // interval's field restrictions are not modifiers in the model (the DDL path drops them too).
  auto open = formatted.find('(');
  auto close = formatted.find(')', open == std::string::npos ? 0 : open);
  if (out.name != "interval" && !out.is_user_type && open != std::string::npos && close != std::string::npos &&
      formatted.compare(0, open, out.name.substr(0, open)) == 0) {
    std::string mods = formatted.substr(open + 1, close - open - 1);
    std::size_t start = 0;
    while (start <= mods.size()) {
      std::size_t comma = mods.find(',', start);
      out.modifiers.push_back(mods.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::string LiveReader::SignatureType(Oid type) const {
  model::TypeName t = TypeOf(type, 0, "");
  return t.ToSql();
}

std::string LiveReader::ColumnName(Oid relation, int attnum) const {
  auto it = columns.find({relation, attnum});
  return it == columns.end() ? std::string() : it->second;
}

}  // namespace live

Result<model::Catalog> ReadLiveCatalog(PgConnection& connection, const LiveCatalogOptions& options,
                                       std::vector<std::string>* notes) {
  if (!connection.connected()) return Status::Internal("ReadLiveCatalog on a closed connection");
  // Inside the caller's transaction a savepoint scopes our settings; otherwise a read-only transaction
  // gives every query the same snapshot. Either way it is rolled back: reading changes nothing.
  const bool in_transaction = PQtransactionStatus(connection.raw()) != PQTRANS_IDLE;
  DBARCH_RETURN_IF_ERROR(connection.Execute(in_transaction ? "SAVEPOINT dbarch_live_catalog"
                                                           : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto finish = [&] {
    if (in_transaction) {
      (void)connection.Execute("ROLLBACK TO SAVEPOINT dbarch_live_catalog");
      (void)connection.Execute("RELEASE SAVEPOINT dbarch_live_catalog");
    } else {
      (void)connection.Execute("ROLLBACK");
    }
  };
  // Output settings make printed expressions independent of the session; jit=off because these queries are
  // cheap but estimated expensive, and JIT compilation alone would cost most of a second.
  Status settings = connection.Execute(
      "SET LOCAL search_path = public; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY'; "
      "SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 0; "
      "SET LOCAL jit = off");
  if (!settings.ok()) {
    finish();
    return settings;
  }

  model::Catalog catalog;
  SourceLocation location;
  const char* dbname = PQdb(connection.raw());
  location.file = std::string("db:") + (dbname ? dbname : "");
  live::LiveReader r{connection, options, notes, catalog, location, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  catalog.schemas["public"].location = location;
  Status status = live::ReadTypes(r);
  if (status.ok()) {
    live::ReadSchemas(r);
    live::ReadExtensions(r);
    live::ReadEnumsAndDomains(r);
    status = live::ReadRelations(r);
  }
  if (status.ok()) {
    live::ReadSequences(r);
    live::ReadConstraints(r);
    live::ReadIndexes(r);
    live::ReadViewDependencies(r);
    live::ReadFunctions(r);
    live::ReadTriggers(r);
    live::ReadPolicies(r);
    live::ReadGrants(r);
    live::ReadRoles(r);
    live::ReadComments(r);
  }
  finish();
  if (!status.ok()) return status;
  return catalog;
}

}  // namespace dbarch::verify
