#include "model/catalog.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace dbarch::model {

namespace {
// Reserved keywords (PostgreSQL's "reserved" and "reserved (can be function or type)" categories) that
// force quoting of an identifier.
bool IsReservedWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
      "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
      "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
      "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
      "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null",
      "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
      "returning", "right", "select", "session_user", "similar", "some", "symmetric", "table", "tablesample",
      "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
      "where", "window", "with"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}
}  // namespace

std::string QuoteIdent(std::string_view ident) {
  bool plain = !ident.empty() && (std::islower(static_cast<unsigned char>(ident[0])) || ident[0] == '_');
  for (char c : ident) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '$')) {
      plain = false;
    }
  }
  if (plain && !IsReservedWord(ident)) return std::string(ident);
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QualifiedName::ToSql() const {
  if (schema.empty()) return QuoteIdent(name);
  return QuoteIdent(schema) + "." + QuoteIdent(name);
}

std::string TypeName::ToSql() const {
  std::string out;
  std::string mods;
  if (!modifiers.empty()) {
    mods = "(";
    for (size_t i = 0; i < modifiers.size(); ++i) mods += (i ? "," : "") + modifiers[i];
    mods += ")";
  }
  // timestamp(3) with time zone: the precision goes between the words.
  static constexpr std::array<std::string_view, 4> kSplit = {"timestamp without time zone", "timestamp with time zone",
                                                             "time without time zone", "time with time zone"};
  bool split = false;
  for (auto s : kSplit) {
    if (name == s && !mods.empty()) {
      auto space = name.find(' ');
      out = name.substr(0, space) + mods + name.substr(space);
      split = true;
    }
  }
  if (!split) out = name + mods;
  for (int i = 0; i < array_dims; ++i) out += "[]";
  return out;
}

std::string Domain::NextCheckName() const {
  // ChooseConstraintName(<domain>, NULL, "check", …): <domain>_check, then <domain>_check1, …, cut to 63 bytes.
  for (int n = 0;; ++n) {
    std::string suffix = "_check" + (n == 0 ? std::string() : std::to_string(n));
    std::string candidate = name.name.substr(0, 63 - std::min<std::size_t>(63, suffix.size())) + suffix;
    if (std::find(check_names.begin(), check_names.end(), candidate) == check_names.end()) return candidate;
  }
}

const Column* Table::FindColumn(const std::string& column_name) const {
  for (const auto& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

Column* Table::FindColumn(const std::string& column_name) {
  for (auto& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

const Constraint* Table::PrimaryKey() const {
  for (const auto& c : constraints) {
    if (c.kind == ConstraintKind::kPrimaryKey) return &c;
  }
  return nullptr;
}

const Constraint* Table::FindConstraint(const std::string& constraint_name) const {
  for (const auto& c : constraints) {
    if (c.name == constraint_name) return &c;
  }
  return nullptr;
}

std::string Function::Signature() const {
  std::string out = name.name + "(";
  for (size_t i = 0; i < argument_types.size(); ++i) out += (i ? ", " : "") + argument_types[i];
  return out + ")";
}

Catalog::Catalog() { schemas["public"] = Schema{"public", "", std::nullopt, {}}; }

const Table* Catalog::FindTable(const QualifiedName& name) const {
  auto it = tables.find(name);
  return it == tables.end() ? nullptr : &it->second;
}

Table* Catalog::FindTable(const QualifiedName& name) {
  auto it = tables.find(name);
  return it == tables.end() ? nullptr : &it->second;
}

std::vector<const Index*> Catalog::IndexesOn(const QualifiedName& table) const { return indexes.On(table); }

std::map<QualifiedName, std::vector<const Index*>> Catalog::IndexesByTable() const { return indexes.ByTable(); }

size_t Catalog::ObjectCount() const {
  size_t n = schemas.size() + tables.size() + indexes.size() + views.size() + sequences.size() + enums.size() +
             domains.size() + functions.size() + triggers.size() + policies.size() + roles.size() + grants.size() +
             extensions.size();
  for (const auto& [name, t] : tables) n += t.columns.size() + t.constraints.size();
  return n;
}

std::string_view ConstraintKindName(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::kPrimaryKey: return "PRIMARY KEY";
    case ConstraintKind::kUnique: return "UNIQUE";
    case ConstraintKind::kForeignKey: return "FOREIGN KEY";
    case ConstraintKind::kCheck: return "CHECK";
    case ConstraintKind::kExclude: return "EXCLUDE";
  }
  return "CHECK";
}

std::string_view ReferentialActionSql(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::kNoAction: return "NO ACTION";
    case ReferentialAction::kRestrict: return "RESTRICT";
    case ReferentialAction::kCascade: return "CASCADE";
    case ReferentialAction::kSetNull: return "SET NULL";
    case ReferentialAction::kSetDefault: return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string_view VolatilityName(Volatility v) {
  switch (v) {
    case Volatility::kVolatile: return "VOLATILE";
    case Volatility::kStable: return "STABLE";
    case Volatility::kImmutable: return "IMMUTABLE";
  }
  return "VOLATILE";
}

std::string_view TableKindName(TableKind kind) {
  switch (kind) {
    case TableKind::kOrdinary: return "table";
    case TableKind::kPartitioned: return "partitioned table";
    case TableKind::kForeign: return "foreign table";
  }
  return "table";
}

}  // namespace dbarch::model
